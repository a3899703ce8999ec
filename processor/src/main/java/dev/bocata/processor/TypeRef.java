package dev.bocata.processor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * A class the generated code names: its package ({@code ""} for the unnamed one) and its simple
 * names from the top-level class inwards ({@code Chat.Mood} is {@code ["Chat", "Mood"]}).
 */
record TypeRef(String packageName, List<String> simpleNames) {

    TypeRef {
        simpleNames = List.copyOf(simpleNames);
    }

    /** A top-level class of {@code packageName}. */
    static TypeRef of(String packageName, String simpleName) {
        return new TypeRef(packageName, List.of(simpleName));
    }

    /** A top-level class, from its qualified name. */
    static TypeRef of(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        return new TypeRef(dot < 0 ? "" : qualifiedName.substring(0, dot),
                List.of(qualifiedName.substring(dot + 1)));
    }

    static TypeRef of(TypeElement type) {
        List<String> names = new ArrayList<>();
        Element element = type;
        while (element.getKind() != ElementKind.PACKAGE) {
            names.add(element.getSimpleName().toString());
            element = element.getEnclosingElement();
        }
        Collections.reverse(names);
        return new TypeRef(((PackageElement) element).getQualifiedName().toString(), names);
    }

    TypeRef nested(String simpleName) {
        List<String> names = new ArrayList<>(simpleNames);
        names.add(simpleName);
        return new TypeRef(packageName, names);
    }

    TypeRef topLevel() {
        return simpleNames.size() == 1 ? this : new TypeRef(packageName, simpleNames.subList(0, 1));
    }

    String simpleName() {
        return simpleNames.get(simpleNames.size() - 1);
    }

    /** The name relative to the package: {@code Chat.Mood}. */
    String nameInPackage() {
        return String.join(".", simpleNames);
    }

    String canonicalName() {
        return packageName.isEmpty() ? nameInPackage() : packageName + "." + nameInPackage();
    }

    @Override
    public String toString() {
        return canonicalName();
    }
}
