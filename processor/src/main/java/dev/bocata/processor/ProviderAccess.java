package dev.bocata.processor;

import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * The generated endpoint, in the handler's package, calls each provider its route runs and names
 * the type it provides: both must be accessible from there. The error is on the provider.
 */
final class ProviderAccess {

    private ProviderAccess() {}

    static void check(RouteModel route, List<Diagnostic> errors) {
        PackageElement generated = packageOf(route.handlerClass());
        for (ProviderModel provider : route.providers()) {
            String why = inaccessible(provider.method(), generated);
            for (Element type = provider.owner();
                    why == null && type instanceof TypeElement;
                    type = type.getEnclosingElement()) {
                why = inaccessible(type, generated);
            }
            if (why == null && provider.type() instanceof DeclaredType declared) {
                for (Element type = declared.asElement();
                        why == null && type instanceof TypeElement;
                        type = type.getEnclosingElement()) {
                    why = inaccessible(type, generated);
                }
            }
            if (why != null) {
                Diagnostic error = Diagnostic.at(
                        provider.method(),
                        "@Provider method " + provider.describe()
                                + " is needed by the route " + route.qualifiedName() + " in the package "
                                + generated.getQualifiedName() + ", whose generated endpoint cannot call it: " + why);
                if (!errors.contains(error)) {
                    errors.add(error);
                }
            }
        }
    }

    private static String inaccessible(Element element, PackageElement from) {
        Set<Modifier> modifiers = element.getModifiers();
        if (modifiers.contains(Modifier.PUBLIC) || packageOf(element).equals(from)) {
            return null;
        }
        return element.getSimpleName() + " is not public in the package "
                + packageOf(element).getQualifiedName() + ": make it public";
    }

    private static PackageElement packageOf(Element element) {
        while (!(element instanceof PackageElement)) {
            element = element.getEnclosingElement();
        }
        return (PackageElement) element;
    }
}
