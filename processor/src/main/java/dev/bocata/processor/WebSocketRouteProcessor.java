package dev.bocata.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import javax.tools.StandardLocation;

/**
 * Turns each {@code @WebSocketRoute} method into a Jakarta WebSocket endpoint class, and writes
 * one registry per compilation. Reading ({@link RouteReader}), checking ({@link RouteChecker}) and
 * writing ({@link EndpointWriter}, {@link RegistryWriter}) are kept apart.
 *
 * <p>A method whose signature still has unresolved types (say, a type another processor writes)
 * waits for a later round. Every error of a compilation is reported; no endpoint is written for
 * a route with errors, and no registry for a compilation with any.
 */
@AutoService(Processor.class)
public final class WebSocketRouteProcessor extends AbstractProcessor {

    /**
     * Routes waiting for their types: handler class name, and the method's position among the
     * class's members (its signature's text changes once the types resolve).
     */
    private final Map<String, List<Integer>> deferred = new LinkedHashMap<>();
    private final Map<String, RouteModel> routesByTemplate = new HashMap<>();
    private final Set<ClassName> endpointNames = new java.util.HashSet<>();
    private final List<RegistryWriter.Entry> unregistered = new ArrayList<>();
    private final Set<ClassName> handlerClasses = new LinkedHashSet<>();
    private boolean failed;
    private boolean registryWritten;

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
        RouteReader reader = new RouteReader(processingEnv.getElementUtils());
        int written = 0;
        for (ExecutableElement method : methods) {
            if (RouteReader.hasErrorTypes(method) && !round.processingOver()) {
                defer(method);
                continue;
            }
            if (RouteReader.hasErrorTypes(method)) {
                error(method, "@WebSocketRoute method " + method.getSimpleName()
                        + " has a parameter or return type the compiler cannot resolve: fix that error first");
                continue;
            }
            if (handle(reader.read(method))) {
                written++;
            }
        }
        if (written == 0 && !unregistered.isEmpty() && !failed && deferred.isEmpty()) {
            writeRegistry();
        }
        return false;
    }

    /** Checks one route and writes its endpoint; answers whether it did. */
    private boolean handle(RouteModel route) {
        List<Diagnostic> errors = new ArrayList<>(RouteChecker.check(route));
        RouteModel twin = routesByTemplate.putIfAbsent(route.template(), route);
        if (twin != null) {
            errors.add(Diagnostic.at(route.method(), route.annotation(), route.templateValue(),
                    "the template \"" + route.template() + "\" is also the route of " + twin.describe()
                            + ": give each route its own template"));
            Diagnostic.at(twin.method(), twin.annotation(), twin.templateValue(),
                    "the template \"" + twin.template() + "\" is also the route of " + route.describe()
                            + ": give each route its own template").report(processingEnv.getMessager());
            failed = true;
        }
        if (!errors.isEmpty()) {
            errors.forEach(diagnostic -> diagnostic.report(processingEnv.getMessager()));
            failed = true;
            return false;
        }
        if (registryWritten) {
            error(route.method(), "@WebSocketRoute method " + route.method().getSimpleName()
                    + " appeared after this compilation's route registry was written (it comes from code generated "
                    + "in a late round): declare it in a source file");
            return false;
        }
        // Overloads, and nested classes whose flat names meet a top-level class's, get _2, _3, ...
        int clash = 0;
        while (!endpointNames.add(EndpointWriter.endpointName(route, clash))) {
            clash++;
        }
        ClassName endpoint = EndpointWriter.endpointName(route, clash);
        try {
            EndpointWriter.write(route, endpoint).writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            error(route.method(), "could not write " + endpoint + ": " + e.getMessage());
            return false;
        }
        handlerClasses.add(ClassName.get(route.handlerClass()));
        unregistered.add(new RegistryWriter.Entry(route.template(), endpoint, List.of(route.method())));
        return true;
    }

    private void writeRegistry() {
        ClassName registry = RegistryWriter.registryName(List.copyOf(handlerClasses));
        List<Element> originating = unregistered.stream()
                .flatMap(entry -> entry.originatingElements().stream()).toList();
        try {
            RegistryWriter.write(registry, unregistered).writeTo(processingEnv.getFiler());
            FileObject services = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                    RegistryWriter.SERVICE_FILE, originating.toArray(Element[]::new));
            try (Writer out = new java.io.OutputStreamWriter(services.openOutputStream(), StandardCharsets.UTF_8)) {
                out.write(registry.canonicalName() + "\n");
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Kind.ERROR, "could not write the route registry " + registry
                    + ": " + e.getMessage());
        }
        unregistered.clear();
        registryWritten = true;
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
