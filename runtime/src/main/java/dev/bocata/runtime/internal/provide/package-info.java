/**
 * What a server provides its routes: the objects handed to {@code providers(...)}, the
 * overrides, and the {@code APP} values it makes at {@code start()} and closes at {@code close()}.
 */
package dev.bocata.runtime.internal.provide;
