package dev.bocata.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Turns each {@code @WebSocketRoute} method into a method of a Jakarta WebSocket endpoint class
 * (one per handler class and message type), written with the handler class's registry of routes
 * in one generated file per handler class, and lists the registries in a service file. Reading
 * ({@link RouteReader}), checking ({@link RouteChecker}) and writing ({@link EndpointWriter}) are
 * kept apart.
 *
 * <p>A handler class with a route whose signature still has unresolved types (say, a type another
 * processor writes) waits for a later round; one that never resolves is javac's own error. Every
 * error of a compilation is reported; no endpoint is written for a route with errors, and no
 * service file for a compilation with any. An unexpected failure on one handler class is an error
 * on that class, and the others are still processed.
 *
 * <p>The service file is merged with the one already in the class output, keeping the registries
 * whose class still exists: a build that recompiles only some handler classes keeps the others'
 * routes.
 */
@AutoService(Processor.class)
public final class WebSocketRouteProcessor extends AbstractProcessor {

    /**
     * Routes waiting for their types: handler class name, and the method's position among the
     * class's members (its signature's text changes once the types resolve).
     */
    private final Map<String, List<Integer>> deferred = new LinkedHashMap<>();
    /** Checked routes by the paths they match ({@link PathTemplateSyntax#shape}). */
    private final Map<String, RouteModel> routesByShape = new HashMap<>();
    private final Set<String> generatedNames = new HashSet<>();
    private final Set<String> registries = new TreeSet<>();
    private final List<Element> registered = new ArrayList<>();
    private final Consumer<TypeElement> beforeEachClass;
    private LocalClassRoutes localClassRoutes;
    private boolean failed;

    /** The processor as javac makes it, through its service file. */
    public WebSocketRouteProcessor() {
        this(type -> {});
    }

    /** For tests: {@code beforeEachClass} runs before each handler class is processed. */
    WebSocketRouteProcessor(Consumer<TypeElement> beforeEachClass) {
        this.beforeEachClass = beforeEachClass;
    }

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        localClassRoutes = LocalClassRoutes.of(environment);
    }

    /**
     * Every annotation, though only {@code @WebSocketRoute} is read: javac calls a processor only
     * for the annotations it finds on members, and a compilation whose only routes are in local
     * classes must still get its error ({@link LocalClassRoutes}). Nothing is claimed.
     */
    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
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
        if (localClassRoutes != null) {
            for (Element root : round.getRootElements()) {
                failed |= localClassRoutes.report(root);
            }
        }
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
        for (Map.Entry<TypeElement, List<ExecutableElement>> handlerClass : methodsByClass.entrySet()) {
            try {
                beforeEachClass.accept(handlerClass.getKey());
                process(handlerClass.getKey(), handlerClass.getValue(), round.processingOver());
            } catch (RuntimeException e) {
                // One class's failure must not hide the others' routes and errors (AutoValue's way).
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                error(handlerClass.getKey(), "the Bocata processor failed on the routes of "
                        + handlerClass.getKey().getQualifiedName() + " (please report it): " + trace);
            }
        }
        if (round.processingOver() && !registries.isEmpty() && !failed) {
            writeServiceFile();
        }
        return false;
    }

    private void process(TypeElement handlerClass, List<ExecutableElement> methods, boolean lastRound) {
        // A class's routes share one file, so the whole class waits if any of its routes must;
        // in the last round an unresolved type or constant is javac's own error, and nothing is added.
        if (methods.stream().anyMatch(RouteReader::hasErrorTypes)) {
            if (!lastRound) {
                methods.forEach(this::defer);
            }
            return;
        }
        RouteReader reader = new RouteReader(processingEnv.getElementUtils());
        List<RouteModel> routes = new ArrayList<>();
        for (ExecutableElement method : methods) {
            RouteModel route = reader.read(method);
            if (check(route)) {
                routes.add(route);
            }
        }
        if (!routes.isEmpty()) {
            write(handlerClass, routes);
        }
    }

    /** Checks one route; reports its errors and answers whether it has none. */
    private boolean check(RouteModel route) {
        List<Diagnostic> errors = new ArrayList<>(RouteChecker.check(route));
        if (PathTemplateSyntax.problem(route.template()).isEmpty()) {
            RouteModel twin = routesByShape.putIfAbsent(PathTemplateSyntax.shape(route.template()), route);
            if (twin != null) {
                errors.add(twinError(route, twin));
                twinError(twin, route).report(processingEnv.getMessager());
            }
        }
        errors.forEach(diagnostic -> diagnostic.report(processingEnv.getMessager()));
        failed |= !errors.isEmpty();
        return errors.isEmpty();
    }

    private static Diagnostic twinError(RouteModel route, RouteModel twin) {
        String message = route.template().equals(twin.template())
                ? "the template \"" + route.template() + "\" is also the route of " + twin.describe()
                        + ": give each route its own template"
                : "the template \"" + route.template() + "\" matches the same paths as \"" + twin.template()
                        + "\" of " + twin.describe() + " (only the names of their parameters differ), so only one "
                        + "of them could ever run: give each route its own path";
        return Diagnostic.at(route.method(), route.annotation(), route.templateValue(), message);
    }

    /** Writes the registry and endpoints of one handler class's checked routes. */
    private void write(TypeElement handlerClass, List<RouteModel> routes) {
        ClassName fileName = firstFree(generatedNames, clash -> EndpointWriter.fileName(handlerClass, clash));
        // Nested names must not shadow the file's own name or a type the code names: a type of the
        // unnamed package could not be written any other way.
        Set<String> nestedNames = new HashSet<>();
        nestedNames.add(fileName.simpleName().toLowerCase(Locale.ROOT));
        EndpointWriter.namedTypes(handlerClass, routes).forEach(name -> nestedNames.add(name.toLowerCase(Locale.ROOT)));
        List<EndpointWriter.Endpoint> endpoints = EndpointWriter.endpoints(routes, kind ->
                fileName.nestedClass(firstFree(nestedNames, clash -> EndpointWriter.endpointSimpleName(kind, clash))));
        Elements elements = processingEnv.getElementUtils();
        JavaFile file = EndpointWriter.write(fileName, handlerClass, endpoints, canNameGenerated(handlerClass),
                EndpointWriter.namesDeprecated(handlerClass, routes, elements::isDeprecated));
        try {
            file.writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            error(handlerClass, "could not write " + fileName + ": " + e.getMessage());
            return;
        }
        registries.add(fileName.canonicalName());
        registered.add(handlerClass);
    }

    /**
     * Whether the generated code may name {@code javax.annotation.processing.Generated}: its module,
     * java.compiler, is read by every class of the unnamed module, but by a named module only if it
     * says so ({@code requires static java.compiler;}).
     */
    private boolean canNameGenerated(TypeElement handlerClass) {
        Elements elements = processingEnv.getElementUtils();
        ModuleElement module = elements.getModuleOf(handlerClass);
        if (module == null || module.isUnnamed()) {
            return elements.getTypeElement(EndpointWriter.GENERATED.canonicalName()) != null;
        }
        return ElementFilter.requiresIn(module.getDirectives()).stream()
                .anyMatch(requires -> requires.getDependency().getQualifiedName().contentEquals("java.compiler"));
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

    /**
     * How {@code WebSocketServer} finds the registries (through {@link java.util.ServiceLoader}):
     * this compilation's, and those of the service file already in the class output whose class
     * still exists (as AutoService merges).
     */
    private void writeServiceFile() {
        Set<String> names = new TreeSet<>(registries);
        Elements elements = processingEnv.getElementUtils();
        for (String existing : existingServiceFile()) {
            if (elements.getTypeElement(existing) != null) {
                names.add(existing);
            }
        }
        try {
            FileObject services = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
                    EndpointWriter.SERVICE_FILE, registered.toArray(Element[]::new));
            try (Writer out = new OutputStreamWriter(services.openOutputStream(), StandardCharsets.UTF_8)) {
                for (String name : names) {
                    out.write(name + "\n");
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Kind.ERROR, "could not write " + EndpointWriter.SERVICE_FILE
                    + ": " + e.getMessage());
        }
    }

    /** The class names of the service file in the class output, if there is one. */
    private List<String> existingServiceFile() {
        try {
            FileObject existing = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "",
                    EndpointWriter.SERVICE_FILE);
            List<String> names = new ArrayList<>();
            for (String line : existing.getCharContent(true).toString().split("\n")) {
                String name = line.replaceFirst("#.*", "").trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException | RuntimeException none) {
            // No service file yet (or a build tool's Filer that does not let processors read it).
            return List.of();
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
