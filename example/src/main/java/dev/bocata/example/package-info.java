/**
 * <b>Example</b>: an application built on Bocata as a user would write it: routes, a browser chat,
 * and its {@code main}. It uses the API only (and, through the generated code, the SPI).
 *
 * <p>Nothing depends on this package.
 */
package dev.bocata.example;
