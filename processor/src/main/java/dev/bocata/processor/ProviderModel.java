package dev.bocata.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One {@code @Provider} method, as read.
 *
 * @param method the provider method
 * @param app whether its scope is {@code APP} (once per server) rather than {@code CONNECTION}
 * @param key its type as matched: the full type, generics included
 */
record ProviderModel(ExecutableElement method, boolean app, String key) {

    TypeElement owner() {
        return (TypeElement) method.getEnclosingElement();
    }

    TypeMirror type() {
        return method.getReturnType();
    }

    boolean isStatic() {
        return method.getModifiers().contains(Modifier.STATIC);
    }

    List<? extends VariableElement> parameters() {
        return method.getParameters();
    }

    /** As messages name it: {@code com.acme.AppProviders.user()}. */
    String describe() {
        return owner().getQualifiedName() + "." + method.getSimpleName() + "()";
    }

    /** The key of a type: its full text, generics included (javac's {@code toString} of a type is that). */
    static String keyOf(TypeMirror type) {
        return type.toString();
    }
}
