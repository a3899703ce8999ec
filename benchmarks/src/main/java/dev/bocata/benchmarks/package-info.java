/**
 * <b>Benchmarks</b> (the {@code bench} profile): Bocata, Tyrus alone and Jetty serving the same
 * routes, and the clients that load them. It uses the runtime's API and generated code only, so
 * that what it measures is what users get.
 *
 * <p>Nothing depends on this package.
 */
package dev.bocata.benchmarks;
