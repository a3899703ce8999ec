/**
 * <b>API</b>: {@link dev.bocata.annotations.WebSocketRoute}, the one annotation users write. It is
 * read at compile time by {@code bocata-processor} and kept in class files only for tools.
 *
 * <p>Anyone may depend on this package; it depends on nothing but {@code java.base}.
 */
package dev.bocata.annotations;
