package dev.bocata.processor;

import dev.bocata.processor.RouteModel.Parameter;
import dev.bocata.processor.RouteModel.ParameterKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;

/** Checks one route against the rules of a handler method; every broken rule is one diagnostic. */
final class RouteChecker {

    static final String SUPPORTED_PATH_TYPES =
            "String, int, long, boolean, Integer, Long, Boolean, java.util.UUID or an enum";

    private RouteChecker() {}

    /**
     * @param elements to find the files of the types the generated code names
     */
    static List<Diagnostic> check(RouteModel route, Elements elements) {
        if (!route.unreadable().isEmpty()) {
            // Read from an annotation of another shape: what was read cannot be trusted, so nothing else is checked.
            return route.unreadable();
        }
        ExecutableElement method = route.method();
        if (route.handlerClass().getKind() == ElementKind.ANNOTATION_TYPE) {
            return List.of(
                    Diagnostic.at(
                            method,
                            "@WebSocketRoute method " + method.getSimpleName()
                                    + " is an element of the annotation type "
                                    + route.handlerClass().getSimpleName()
                                    + ", which is no handler: put the route on a method of a class, interface, enum or record"));
        }
        if (method.isVarArgs()) {
            VariableElement last =
                    method.getParameters().get(method.getParameters().size() - 1);
            String component = RouteModel.simpleText(((ArrayType) last.asType()).getComponentType());
            return List.of(Diagnostic.at(
                    method,
                    "@WebSocketRoute method " + method.getSimpleName() + " takes varargs ('"
                            + component + "... " + last.getSimpleName()
                            + "'): declare the parameter without '...', like '"
                            + component + " " + last.getSimpleName() + "'"));
        }
        List<Diagnostic> errors = new ArrayList<>();
        checkMethod(route, errors);
        checkHandlerClass(route, errors);
        checkWebSocketParameter(route, errors);
        checkTemplate(route, errors);
        checkCloseCodes(route, errors);
        checkSubprotocols(route, errors);
        if (errors.isEmpty()) {
            checkOwnFiles(route, elements, errors);
        }
        return errors;
    }

    private static void checkMethod(RouteModel route, List<Diagnostic> errors) {
        ExecutableElement method = route.method();
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            errors.add(
                    Diagnostic.at(
                            method,
                            "@WebSocketRoute method " + method.getSimpleName()
                                    + " must not be private: make it package-private or public, so that the generated endpoint can call it"));
        }
        if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            errors.add(Diagnostic.at(
                    method,
                    "@WebSocketRoute method " + method.getSimpleName() + " must not be abstract: give it a body"));
        }
        if (method.getModifiers().contains(Modifier.NATIVE)) {
            errors.add(Diagnostic.at(
                    method,
                    "@WebSocketRoute method " + method.getSimpleName()
                            + " must not be native: write the handler in Java"));
        }
        if (method.getReturnType().getKind() != TypeKind.VOID) {
            errors.add(Diagnostic.at(
                    method,
                    "@WebSocketRoute method " + method.getSimpleName() + " must return void, not "
                            + method.getReturnType() + ": send replies with ws.send(...)"));
        }
    }

    private static void checkHandlerClass(RouteModel route, List<Diagnostic> errors) {
        ExecutableElement method = route.method();
        for (Element enclosing = route.handlerClass();
                enclosing instanceof TypeElement type;
                enclosing = enclosing.getEnclosingElement()) {
            if (type.getModifiers().contains(Modifier.PRIVATE)) {
                errors.add(Diagnostic.at(
                        method,
                        "@WebSocketRoute method " + method.getSimpleName()
                                + " is in the private class " + type.getSimpleName()
                                + ": make the class package-private or public"));
            }
        }
        // Static methods need no instance, wherever they are; instance methods need a class
        // that can be made without an outer instance or arguments.
        if (!route.isStatic()) {
            checkInstantiable(route, route.handlerClass(), errors);
        }
    }

    private static void checkInstantiable(RouteModel route, TypeElement type, List<Diagnostic> errors) {
        ExecutableElement method = route.method();
        if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
            errors.add(Diagnostic.at(
                    method,
                    "@WebSocketRoute method " + method.getSimpleName() + " is an instance method of the "
                            + (type.getKind() == ElementKind.ENUM ? "enum" : "interface") + " " + type.getSimpleName()
                            + ", which cannot be instantiated: make the method static"));
            return;
        }
        if (type.getNestingKind() == NestingKind.MEMBER
                && !type.getModifiers().contains(Modifier.STATIC)
                && type.getKind() == ElementKind.CLASS) {
            errors.add(Diagnostic.at(
                    method,
                    "@WebSocketRoute method " + method.getSimpleName()
                            + " is an instance method of the inner class " + type.getSimpleName()
                            + ", which needs an outer instance: declare it 'static class " + type.getSimpleName()
                            + "', or make the method static"));
            return;
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            errors.add(Diagnostic.at(
                    method,
                    "@WebSocketRoute method " + method.getSimpleName()
                            + " is an instance method of the abstract class " + type.getSimpleName()
                            + ": make the method static, or move it to a concrete class"));
            return;
        }
        if (constructorOf(type) == null) {
            String kind = type.getKind() == ElementKind.RECORD ? "the record " : "";
            errors.add(Diagnostic.at(
                    method,
                    "@WebSocketRoute method " + method.getSimpleName()
                            + " is an instance method, but " + kind + type.getSimpleName()
                            + " has no single accessible constructor: make the method static, or give "
                            + type.getSimpleName()
                            + " one non-private constructor (one instance serves one connection; "
                            + "its parameters are provided)"));
        }
    }

    /**
     * The constructor an instance handler is made with: its only non-private one, else its
     * non-private one without parameters; {@code null} if there is neither.
     */
    static ExecutableElement constructorOf(TypeElement type) {
        List<ExecutableElement> accessible = ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
                .filter(constructor -> !constructor.getModifiers().contains(Modifier.PRIVATE))
                .toList();
        if (accessible.size() == 1) {
            return accessible.get(0);
        }
        return accessible.stream()
                .filter(constructor -> constructor.getParameters().isEmpty())
                .findFirst()
                .orElse(null);
    }

    private static void checkWebSocketParameter(RouteModel route, List<Diagnostic> errors) {
        List<Parameter> webSockets =
                route.parameters().stream().filter(p -> p.kind().isWebSocket()).toList();
        if (webSockets.isEmpty()) {
            errors.add(Diagnostic.at(
                    route.method(),
                    "@WebSocketRoute method " + route.method().getSimpleName()
                            + " has no WebSocket parameter: add one, like 'WebSocket<String> ws' (text), "
                            + "'WebSocket<byte[]> ws' (binary) or 'WebSocket<ChatMessage> ws' (JSON)"));
        }
        for (int i = 0; i < webSockets.size(); i++) {
            Parameter parameter = webSockets.get(i);
            if (i > 0) {
                errors.add(Diagnostic.at(
                        parameter.element(),
                        "@WebSocketRoute method " + route.method().getSimpleName()
                                + " takes a second WebSocket parameter '" + parameter.name()
                                + "': a handler owns exactly one connection, remove it"));
            } else if (parameter.kind() == ParameterKind.WEBSOCKET_RAW) {
                errors.add(Diagnostic.at(
                        parameter.element(),
                        "raw WebSocket parameter '" + parameter.name()
                                + "': give its message type, WebSocket<String> (text), WebSocket<byte[]> (binary) or "
                                + "WebSocket<ChatMessage> (JSON)"));
            } else if (parameter.kind() == ParameterKind.WEBSOCKET_JSON) {
                checkJsonMessageType(route, parameter, errors);
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
        List<Parameter> pathParameters =
                route.parameters().stream().filter(p -> !p.kind().isWebSocket()).toList();
        List<Parameter> named =
                pathParameters.stream().filter(route::isPathParameter).toList();
        if (parameterNamesAreMissing(route, templateNames)) {
            TypeElement type = route.handlerClass();
            errors.add(Diagnostic.at(
                    route.method(),
                    "the parameter names of " + route.qualifiedName()
                            + " are not in its class file (javac reads them as arg0, arg1, ...), so the path parameters "
                            + braces(templateNames) + " cannot be matched: compile " + type.getSimpleName()
                            + " with -parameters, or run the processor on its source"));
            return;
        }
        for (String name : templateNames) {
            if (named.stream().noneMatch(p -> p.name().equals(name))) {
                errors.add(Diagnostic.at(
                        route.method(),
                        route.annotation(),
                        route.templateValue(),
                        "path parameter {" + name + "} of \"" + route.template() + "\" has no method parameter: add a "
                                + "parameter named '" + name + "' to "
                                + route.method().getSimpleName()
                                + ", of type " + SUPPORTED_PATH_TYPES));
            }
        }
        for (Parameter parameter : named) {
            // A parameter the template does not name is provided: ProviderGraph reports one nobody provides.
            if (parameter.kind() == ParameterKind.UNSUPPORTED) {
                errors.add(Diagnostic.at(
                        parameter.element(),
                        "path parameter '" + parameter.name() + "' has the unsupported type " + parameter.type()
                                + ": use " + SUPPORTED_PATH_TYPES));
            } else if (parameter.kind() == ParameterKind.ENUM) {
                checkNameable(
                        route,
                        parameter,
                        (TypeElement) ((DeclaredType) parameter.type()).asElement(),
                        "path parameter '" + parameter.name() + "' has the enum type ",
                        errors);
            }
        }
    }

    /**
     * A method read from a class file compiled without {@code -parameters} has the names
     * {@code arg0}, {@code arg1}, ... (Gradle reprocesses class files for aggregating processors).
     */
    static boolean parameterNamesAreMissing(RouteModel route, List<String> templateNames) {
        List<Parameter> parameters = route.parameters();
        if (templateNames.isEmpty() || parameters.isEmpty()) {
            return false;
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (!parameters.get(i).name().equals("arg" + i)) {
                return false;
            }
        }
        return templateNames.stream().noneMatch(name -> name.matches("arg[0-9]+"));
    }

    /**
     * A JSON route's message type: one a codec can bind ({@link JsonMessageTypes#problem}), and
     * every type it names one the generated code can name.
     */
    private static void checkJsonMessageType(RouteModel route, Parameter parameter, List<Diagnostic> errors) {
        TypeMirror message =
                ((DeclaredType) parameter.type()).getTypeArguments().get(0);
        String problem = JsonMessageTypes.problem(message);
        if (problem != null) {
            errors.add(Diagnostic.at(parameter.element(), problem));
            return;
        }
        for (TypeElement named : JsonMessageTypes.typesIn(message)) {
            if (checkNameable(
                    route, parameter, named, "the message type of '" + parameter.name() + "' names ", errors)) {
                return;
            }
        }
    }

    /**
     * The generated code, in the handler's package, names {@code named}: it and every class it is
     * nested in must be accessible from there. Answers whether it reported an error.
     */
    private static boolean checkNameable(
            RouteModel route, Parameter parameter, TypeElement named, String what, List<Diagnostic> errors) {
        PackageElement generatedPackage = packageOf(route.handlerClass());
        for (Element enclosing = named;
                enclosing instanceof TypeElement type;
                enclosing = enclosing.getEnclosingElement()) {
            Set<Modifier> modifiers = type.getModifiers();
            String why = null;
            if (modifiers.contains(Modifier.PRIVATE)) {
                why = type.getSimpleName() + " is private: make it package-private or public";
            } else if (!modifiers.contains(Modifier.PUBLIC) && !packageOf(type).equals(generatedPackage)) {
                why = type.getSimpleName() + " is "
                        + (modifiers.contains(Modifier.PROTECTED) ? "protected" : "package-private")
                        + " in the package " + packageOf(type).getQualifiedName() + ": make it public";
            }
            if (why != null) {
                errors.add(Diagnostic.at(
                        parameter.element(),
                        what + named.getQualifiedName() + ", which the generated endpoint cannot name: " + why));
                return true;
            }
        }
        return false;
    }

    /**
     * Every class the generated code names must have a file of its own: one declared beside
     * another top-level class (an auxiliary class) draws javac's {@code [auxiliaryclass]} warning
     * when another file names it, and {@code @SuppressWarnings} on the generated class cannot stop
     * it. The error is on the class, which is what must change. Only sources can be told apart.
     */
    private static void checkOwnFiles(RouteModel route, Elements elements, List<Diagnostic> errors) {
        checkOwnFile(route, "the handler class ", route.handlerClass(), elements, errors);
        for (Parameter parameter : route.parameters()) {
            if (parameter.kind() == ParameterKind.ENUM && route.isPathParameter(parameter)) {
                checkOwnFile(route, "the path parameter type ", parameter.typeElement(), elements, errors);
            } else if (parameter.kind() == ParameterKind.WEBSOCKET_JSON) {
                for (TypeElement named : JsonMessageTypes.typesIn(route.jsonType())) {
                    checkOwnFile(route, "the message type ", named, elements, errors);
                }
            }
        }
    }

    private static void checkOwnFile(
            RouteModel route, String what, TypeElement type, Elements elements, List<Diagnostic> errors) {
        TypeElement topLevel = type;
        while (topLevel.getEnclosingElement() instanceof TypeElement enclosing) {
            topLevel = enclosing;
        }
        JavaFileObject file = elements.getFileObjectOf(topLevel);
        String simpleName = topLevel.getSimpleName().toString();
        if (file == null
                || file.getKind() != JavaFileObject.Kind.SOURCE
                || file.isNameCompatible(simpleName, JavaFileObject.Kind.SOURCE)) {
            return;
        }
        String path = file.getName();
        String fileName = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        String primary =
                fileName.endsWith(".java") ? fileName.substring(0, fileName.length() - ".java".length()) : fileName;
        Diagnostic error = Diagnostic.at(
                topLevel,
                what + topLevel.getQualifiedName() + " is declared in " + fileName
                        + " beside " + primary
                        + ", and javac warns when another file names it ([auxiliaryclass]), as the "
                        + "generated endpoint of " + route.describe() + " must: nest it in " + primary
                        + " as 'static', or move it to a file of its own, " + simpleName + ".java");
        if (!errors.contains(error)) {
            errors.add(error);
        }
    }

    private static PackageElement packageOf(Element element) {
        while (!(element instanceof PackageElement)) {
            element = element.getEnclosingElement();
        }
        return (PackageElement) element;
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
                errors.add(Diagnostic.at(
                        route.method(),
                        route.annotation(),
                        route.caughtCloseCodesValue(),
                        problem + ": use codes from 1000-4999 other than 1004, 1005, 1006 and 1015"));
            }
        }
    }

    /** RFC 6455 §4.1: each subprotocol is a token (RFC 7230), and a list names each once. */
    private static void checkSubprotocols(RouteModel route, List<Diagnostic> errors) {
        List<String> subprotocols = route.subprotocols();
        for (int i = 0; i < subprotocols.size(); i++) {
            String subprotocol = subprotocols.get(i);
            String problem = null;
            if (!isToken(subprotocol)) {
                problem = "subprotocol \"" + subprotocol + "\" is not a token: use one or more visible ASCII"
                        + " characters other than spaces and ()<>@,;:\\\"/[]?={} (RFC 6455 section 4.1),"
                        + " such as \"v2.chat\"";
            } else if (subprotocols.indexOf(subprotocol) != i) {
                problem = "subprotocol \"" + subprotocol + "\" is listed twice: list each once, in order of"
                        + " preference";
            }
            if (problem != null) {
                errors.add(Diagnostic.at(route.method(), route.annotation(), route.subprotocolsValue(), problem));
            }
        }
    }

    /** An RFC 7230 token, as the runtime checks it ({@code HttpHeaderSyntax.isToken}; a test keeps them equal). */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
