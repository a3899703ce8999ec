package dev.bocata.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic.Kind;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Turns each {@code @WebSocketRoute} method into a method of a Jakarta WebSocket endpoint class
 * (one per handler class and message type, nested in one generated file per handler class), and
 * writes one registry per compilation. Reading
 * ({@link RouteReader}), checking ({@link RouteChecker}) and writing ({@link EndpointWriter},
 * {@link RegistryWriter}) are kept apart.
 *
 * <p>A handler class with a route whose signature still has unresolved types (say, a type another
 * processor writes) waits for a later round. Every error of a compilation is reported; no
 * endpoint is written for a route with errors, and no registry for a compilation with any.
 *
 * <p>The registry is written in the same round as the endpoints it lists: javac enters every
 * class of the compilation again for each round that a generated file opens, which is most of a
 * big compilation's cost. Routes that appear in a later round (in code another processor writes)
 * get a registry of their own; the service file, written last, lists them all.
 */
@AutoService(Processor.class)
public final class WebSocketRouteProcessor extends AbstractProcessor {

    /**
     * Routes waiting for their types: handler class name, and the method's position among the
     * class's members (its signature's text changes once the types resolve).
     */
    private final Map<String, List<Integer>> deferred = new LinkedHashMap<>();
    private final Map<String, RouteModel> routesByTemplate = new HashMap<>();
    private final Set<String> generatedNames = new HashSet<>();
    private final List<RegistryWriter.Entry> unregistered = new ArrayList<>();
    private final Set<TypeRef> handlerClasses = new LinkedHashSet<>();
    private final List<TypeRef> registries = new ArrayList<>();
    private final List<Element> registered = new ArrayList<>();
    private boolean failed;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(RouteReader.ANNOTATION);
    }

    /** None: the processor has nothing to configure. */
    @Override
    public Set<String> getSupportedOptions() {
        return Set.of();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(RouteReader.ANNOTATION);
        List<ExecutableElement> methods = takeDeferred();
        if (annotation != null) {
            methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation)));
        }
        Map<TypeElement, List<ExecutableElement>> methodsByClass = new LinkedHashMap<>();
        for (ExecutableElement method : methods) {
            methodsByClass.computeIfAbsent((TypeElement) method.getEnclosingElement(), type -> new ArrayList<>())
                    .add(method);
        }
        RouteReader reader = new RouteReader(processingEnv.getElementUtils());
        for (Map.Entry<TypeElement, List<ExecutableElement>> handlerClass : methodsByClass.entrySet()) {
            // A class's endpoints share one file, so the whole class waits if any of its routes must.
            if (!round.processingOver() && handlerClass.getValue().stream().anyMatch(RouteReader::hasErrorTypes)) {
                handlerClass.getValue().forEach(this::defer);
                continue;
            }
            List<RouteModel> routes = new ArrayList<>();
            for (ExecutableElement method : handlerClass.getValue()) {
                if (RouteReader.hasErrorTypes(method)) {
                    error(method, "@WebSocketRoute method " + method.getSimpleName()
                            + " has a parameter or return type the compiler cannot resolve: fix that error first");
                } else {
                    RouteModel route = reader.read(method);
                    if (check(route)) {
                        routes.add(route);
                    }
                }
            }
            if (!routes.isEmpty()) {
                write(handlerClass.getKey(), routes);
            }
        }
        if (!unregistered.isEmpty() && !failed && deferred.isEmpty() && !round.processingOver()) {
            writeRegistry();
        }
        if (round.processingOver() && !registries.isEmpty() && !failed) {
            writeServiceFile();
        }
        return false;
    }

    /** Checks one route; reports its errors and answers whether it has none. */
    private boolean check(RouteModel route) {
        List<Diagnostic> errors = new ArrayList<>(RouteChecker.check(route));
        RouteModel twin = routesByTemplate.putIfAbsent(route.template(), route);
        if (twin != null) {
            errors.add(Diagnostic.at(route.method(), route.annotation(), route.templateValue(),
                    "the template \"" + route.template() + "\" is also the route of " + twin.describe()
                            + ": give each route its own template"));
            Diagnostic.at(twin.method(), twin.annotation(), twin.templateValue(),
                    "the template \"" + twin.template() + "\" is also the route of " + route.describe()
                            + ": give each route its own template").report(processingEnv.getMessager());
        }
        errors.forEach(diagnostic -> diagnostic.report(processingEnv.getMessager()));
        failed |= !errors.isEmpty();
        return errors.isEmpty();
    }

    /** Writes the endpoints of one handler class's checked routes. */
    private void write(TypeElement handlerClass, List<RouteModel> routes) {
        TypeRef handler = TypeRef.of(handlerClass);
        TypeRef fileName = firstFree(generatedNames, clash -> EndpointWriter.fileName(handlerClass, clash));
        // Nested names must not shadow the file's own name or the handler class the code calls.
        Set<String> nestedNames = new HashSet<>(List.of(fileName.simpleName().toLowerCase(Locale.ROOT),
                handler.simpleNames().get(0).toLowerCase(Locale.ROOT)));
        List<EndpointWriter.Endpoint> endpoints = EndpointWriter.endpoints(routes, binary ->
                fileName.nested(firstFree(nestedNames, clash -> EndpointWriter.endpointSimpleName(binary, clash))));
        if (!writeSource(fileName, EndpointWriter.write(fileName, handlerClass, endpoints), handlerClass)) {
            return;
        }
        handlerClasses.add(handler);
        for (EndpointWriter.Endpoint endpoint : endpoints) {
            RouteModel route = endpoint.route();
            unregistered.add(new RegistryWriter.Entry(route.template(), EndpointWriter.isBinary(route),
                    endpoint.endpointClass(), endpoint.number(), EndpointWriter.closeCodes(route),
                    List.of(route.method())));
        }
    }

    /** Answers whether it could; reports why not. */
    private boolean writeSource(TypeRef name, String text, Element... originatingElements) {
        try {
            JavaFileObject file = processingEnv.getFiler().createSourceFile(name.canonicalName(), originatingElements);
            try (Writer out = file.openWriter()) {
                out.write(text);
            }
            return true;
        } catch (IOException e) {
            error(originatingElements[0], "could not write " + name + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * The first of {@code name(0)}, {@code name(1)}, ... not yet in {@code taken}, which it joins.
     * Names are compared ignoring case: class files of names differing only in case collide on
     * the file systems of macOS and Windows.
     */
    private static <N> N firstFree(Set<String> taken, IntFunction<N> name) {
        for (int clash = 0; ; clash++) {
            N candidate = name.apply(clash);
            if (taken.add(candidate.toString().toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
    }

    private void writeRegistry() {
        TypeRef registry = firstFree(generatedNames,
                clash -> RegistryWriter.registryName(List.copyOf(handlerClasses), clash));
        Element[] originating = unregistered.stream()
                .flatMap(entry -> entry.originatingElements().stream()).toArray(Element[]::new);
        if (writeSource(registry, RegistryWriter.write(registry, unregistered), originating)) {
            registries.add(registry);
            registered.addAll(List.of(originating));
        }
        unregistered.clear();
    }

    /** How {@code WebSocketServer} finds the registries (through {@link java.util.ServiceLoader}). */
    private void writeServiceFile() {
        try {
            FileObject services = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                    RegistryWriter.SERVICE_FILE, registered.toArray(Element[]::new));
            try (Writer out = new java.io.OutputStreamWriter(services.openOutputStream(), StandardCharsets.UTF_8)) {
                for (TypeRef registry : registries) {
                    out.write(registry.canonicalName() + "\n");
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Kind.ERROR, "could not write " + RegistryWriter.SERVICE_FILE
                    + ": " + e.getMessage());
        }
    }

    private void defer(ExecutableElement method) {
        TypeElement type = (TypeElement) method.getEnclosingElement();
        deferred.computeIfAbsent(type.getQualifiedName().toString(), name -> new ArrayList<>())
                .add(type.getEnclosedElements().indexOf(method));
    }

    private List<ExecutableElement> takeDeferred() {
        List<ExecutableElement> methods = new ArrayList<>();
        deferred.forEach((typeName, positions) -> {
            TypeElement type = processingEnv.getElementUtils().getTypeElement(typeName);
            if (type != null) {
                List<? extends Element> members = type.getEnclosedElements();
                positions.forEach(position -> methods.add((ExecutableElement) members.get(position)));
            }
        });
        deferred.clear();
        return methods;
    }

    private void error(Element element, String message) {
        processingEnv.getMessager().printMessage(Kind.ERROR, message, element);
        failed = true;
    }
}
