/**
 * <b>Internal</b>: HTTP without a server: the header syntax of RFC 9110
 * ({@link dev.bocata.runtime.internal.http.HttpHeaderSyntax}) and the static files a server serves
 * from the class path ({@link dev.bocata.runtime.internal.http.StaticResources}).
 *
 * <p>Only the runtime depends on this package; it depends on the JDK alone.
 */
package dev.bocata.runtime.internal.http;
