package dev.bocata.processor;

import dev.bocata.processor.RouteModel.Parameter;
import dev.bocata.processor.RouteModel.ParameterKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;

/** Checks one route against the rules of a handler method; every broken rule is one diagnostic. */
final class RouteChecker {

    static final String SUPPORTED_PATH_TYPES =
            "String, int, long, boolean, Integer, Long, Boolean, java.util.UUID or an enum";

    private RouteChecker() {}

    static List<Diagnostic> check(RouteModel route) {
        List<Diagnostic> errors = new ArrayList<>();
        checkMethod(route, errors);
        checkHandlerClass(route, errors);
        checkWebSocketParameter(route, errors);
        checkTemplate(route, errors);
        checkCloseCodes(route, errors);
        return errors;
    }

    private static void checkMethod(RouteModel route, List<Diagnostic> errors) {
        ExecutableElement method = route.method();
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            errors.add(Diagnostic.at(method, "@WebSocketRoute method " + method.getSimpleName()
                    + " must not be private: make it package-private or public, so that the generated endpoint can call it"));
        }
        if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            errors.add(Diagnostic.at(method, "@WebSocketRoute method " + method.getSimpleName()
                    + " must not be abstract: give it a body"));
        }
        if (method.getReturnType().getKind() != TypeKind.VOID) {
            errors.add(Diagnostic.at(method, "@WebSocketRoute method " + method.getSimpleName() + " must return void, not "
                    + method.getReturnType() + ": send replies with ws.send(...)"));
        }
    }

    private static void checkHandlerClass(RouteModel route, List<Diagnostic> errors) {
        ExecutableElement method = route.method();
        for (Element enclosing = route.handlerClass(); enclosing instanceof TypeElement type;
                enclosing = enclosing.getEnclosingElement()) {
            if (type.getModifiers().contains(Modifier.PRIVATE)) {
                errors.add(Diagnostic.at(method, "@WebSocketRoute method " + method.getSimpleName()
                        + " is in the private class " + type.getSimpleName()
                        + ": make the class package-private or public"));
            }
            if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                errors.add(Diagnostic.at(method, "@WebSocketRoute method " + method.getSimpleName()
                        + " is in a local or anonymous class: move it to a top-level or static nested class"));
            }
        }
        TypeElement type = route.handlerClass();
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
                && type.getKind() == ElementKind.CLASS) {
            errors.add(Diagnostic.at(method, "@WebSocketRoute method " + method.getSimpleName()
                    + " is in the inner class " + type.getSimpleName()
                    + ", which needs an outer instance: declare it 'static class " + type.getSimpleName() + "'"));
        }
        if (!route.isStatic()) {
            checkInstantiable(route, type, errors);
        }
    }

    private static void checkInstantiable(RouteModel route, TypeElement type, List<Diagnostic> errors) {
        ExecutableElement method = route.method();
        String fix = ": make the method static, or give " + type.getSimpleName()
                + " a non-private constructor without parameters (one instance serves one connection)";
        if (type.getKind() != ElementKind.CLASS) {
            errors.add(Diagnostic.at(method, "@WebSocketRoute method " + method.getSimpleName() + " is an instance method of the "
                    + type.getKind().toString().toLowerCase(java.util.Locale.ROOT) + " " + type.getSimpleName()
                    + ", which cannot be instantiated: make the method static"));
            return;
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            errors.add(Diagnostic.at(method, "@WebSocketRoute method " + method.getSimpleName()
                    + " is an instance method of the abstract class " + type.getSimpleName()
                    + ": make the method static, or move it to a concrete class"));
            return;
        }
        boolean constructible = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .anyMatch(constructor -> constructor.getParameters().isEmpty()
                        && !constructor.getModifiers().contains(Modifier.PRIVATE));
        if (!constructible) {
            errors.add(Diagnostic.at(method, "@WebSocketRoute method " + method.getSimpleName()
                    + " is an instance method, but " + type.getSimpleName()
                    + " has no accessible constructor without parameters" + fix));
        }
    }

    private static void checkWebSocketParameter(RouteModel route, List<Diagnostic> errors) {
        List<Parameter> webSockets = route.parameters().stream().filter(p -> p.kind().isWebSocket()).toList();
        if (webSockets.isEmpty()) {
            errors.add(Diagnostic.at(route.method(), "@WebSocketRoute method " + route.method().getSimpleName()
                    + " has no WebSocket parameter: add one, like 'WebSocket<String> ws' (text) or "
                    + "'WebSocket<byte[]> ws' (binary)"));
        }
        for (int i = 0; i < webSockets.size(); i++) {
            Parameter parameter = webSockets.get(i);
            if (i > 0) {
                errors.add(Diagnostic.at(parameter.element(), "@WebSocketRoute method " + route.method().getSimpleName()
                        + " takes a second WebSocket parameter '" + parameter.name()
                        + "': a handler owns exactly one connection, remove it"));
            } else if (parameter.kind() == ParameterKind.WEBSOCKET_RAW) {
                errors.add(Diagnostic.at(parameter.element(), "raw WebSocket parameter '" + parameter.name()
                        + "': give its message type, WebSocket<String> (text) or WebSocket<byte[]> (binary)"));
            } else if (parameter.kind() == ParameterKind.WEBSOCKET_UNSUPPORTED) {
                errors.add(Diagnostic.at(parameter.element(), "unsupported message type in " + parameter.type()
                        + ": use WebSocket<String> (text) or WebSocket<byte[]> (binary)"));
            }
        }
    }

    private static void checkTemplate(RouteModel route, List<Diagnostic> errors) {
        Optional<String> problem = PathTemplateSyntax.problem(route.template());
        if (problem.isPresent()) {
            errors.add(Diagnostic.at(route.method(), route.annotation(), route.templateValue(), problem.get()));
            return;
        }
        List<String> templateNames = route.templateParameterNames();
        List<Parameter> pathParameters = route.parameters().stream().filter(p -> !p.kind().isWebSocket()).toList();
        for (String name : templateNames) {
            if (pathParameters.stream().noneMatch(p -> p.name().equals(name))) {
                errors.add(Diagnostic.at(route.method(), route.annotation(), route.templateValue(),
                        "path parameter {" + name + "} of \"" + route.template() + "\" has no method parameter: add a "
                                + "parameter named '" + name + "' to " + route.method().getSimpleName()
                                + ", of type " + SUPPORTED_PATH_TYPES));
            }
        }
        for (Parameter parameter : pathParameters) {
            if (!templateNames.contains(parameter.name())) {
                errors.add(Diagnostic.at(parameter.element(), "parameter '" + parameter.name()
                        + "' is not a path parameter of \"" + route.template() + "\""
                        + (templateNames.isEmpty() ? ", which has none" : ", which has " + braces(templateNames))
                        + ": rename it to match, add {" + parameter.name() + "} to the template, or remove it"));
            } else if (parameter.kind() == ParameterKind.UNSUPPORTED) {
                errors.add(Diagnostic.at(parameter.element(), "path parameter '" + parameter.name()
                        + "' has the unsupported type " + parameter.type() + ": use " + SUPPORTED_PATH_TYPES));
            }
        }
    }

    private static String braces(List<String> names) {
        return String.join(", ", names.stream().map(name -> "{" + name + "}").toList());
    }

    private static void checkCloseCodes(RouteModel route, List<Diagnostic> errors) {
        for (int code : route.caughtCloseCodes()) {
            String problem = null;
            if (code < 1000 || code > 4999) {
                problem = "caught close code " + code + " is outside 1000-4999";
            } else if (code == 1004 || code == 1005 || code == 1006 || code == 1015) {
                problem = "caught close code " + code + " is reserved and never sent by a client"
                        + (code == 1006 ? " (1006 is how a vanished client shows: it is never caught quietly)" : "");
            }
            if (problem != null) {
                errors.add(Diagnostic.at(route.method(), route.annotation(), route.caughtCloseCodesValue(),
                        problem + ": use codes from 1000-4999 other than 1004, 1005, 1006 and 1015"));
            }
        }
    }
}
