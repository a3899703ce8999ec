package dev.bocata.processor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Routes waiting for a later round, whose signature still has types the compiler could not
 * resolve yet (say, a type another processor writes). Elements do not outlive their round, so a
 * route is kept as its class's name and the method's position among the class's members (its
 * signature's text changes once the types resolve).
 */
final class DeferredRoutes {

    private final Map<String, List<Integer>> positionsByClass = new LinkedHashMap<>();

    void defer(ExecutableElement method) {
        TypeElement type = (TypeElement) method.getEnclosingElement();
        positionsByClass
                .computeIfAbsent(type.getQualifiedName().toString(), name -> new ArrayList<>())
                .add(type.getEnclosedElements().indexOf(method));
    }

    /** The waiting routes as this round's elements; none wait any more. */
    List<ExecutableElement> take(Elements elements) {
        List<ExecutableElement> methods = new ArrayList<>();
        positionsByClass.forEach((typeName, positions) -> {
            TypeElement type = elements.getTypeElement(typeName);
            if (type != null) {
                List<? extends Element> members = type.getEnclosedElements();
                positions.forEach(position -> methods.add((ExecutableElement) members.get(position)));
            }
        });
        positionsByClass.clear();
        return methods;
    }
}
