package dev.bocata.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Turns each {@code @WebSocketRoute} method into a method of a Jakarta WebSocket endpoint class
 * (one per handler class and message type), written with the handler class's registry of routes
 * in one generated file per handler class, and lists the registries in a service file. Reading
 * ({@link RouteReader}), checking ({@link RouteChecker}) and writing ({@link EndpointWriter}) are
 * kept apart; what the generated code is called is {@link GeneratedNames}', and the service file
 * {@link ServiceFile}'s.
 *
 * <p>A handler class with a route whose signature still has unresolved types (say, a type another
 * processor writes) waits for a later round ({@link DeferredRoutes}); one that never resolves is
 * javac's own error. Every
 * error of a compilation is reported; no endpoint is written for a route with errors, and no
 * service file for a compilation with any. An unexpected failure on one handler class is an error
 * on that class, and the others are still processed.
 *
 */
@AutoService(Processor.class)
public final class WebSocketRouteProcessor extends AbstractProcessor {

    private final DeferredRoutes deferred = new DeferredRoutes();
    private final RouteTwins twins = new RouteTwins();
    /** This compilation's handler classes by their registry's name in lower case. */
    private final Map<String, TypeElement> handlersByRegistryName = new HashMap<>();

    private final ServiceFile serviceFile = new ServiceFile();
    private final ProviderGraph providers = new ProviderGraph();
    /** The providers' errors reported so far: each is reported once, though checked every round. */
    private final Set<Diagnostic> providerErrors = new HashSet<>();
    /** The provider methods declared in this compilation (the graph also holds those of the class path). */
    private final Set<ExecutableElement> ownProviders = new HashSet<>();

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
        TypeElement providerAnnotation = processingEnv.getElementUtils().getTypeElement(TypeNames.PROVIDER);
        if (providerAnnotation != null) {
            Set<ExecutableElement> declared =
                    ElementFilter.methodsIn(round.getElementsAnnotatedWith(providerAnnotation));
            providers.add(declared, processingEnv.getElementUtils());
            declared.forEach(method -> ownProviders.add(method));
            providers.complete(
                    List.of(), type -> ProviderIndex.find(type, processingEnv), processingEnv.getElementUtils());
            reportProviderErrors();
        }
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(TypeNames.WEB_SOCKET_ROUTE);
        List<ExecutableElement> methods = deferred.take(processingEnv.getElementUtils());
        if (annotation != null) {
            methods.addAll(ElementFilter.methodsIn(round.getElementsAnnotatedWith(annotation)));
        }
        Map<TypeElement, List<ExecutableElement>> methodsByClass = new LinkedHashMap<>();
        for (ExecutableElement method : methods) {
            methodsByClass
                    .computeIfAbsent((TypeElement) method.getEnclosingElement(), type -> new ArrayList<>())
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
                error(
                        handlerClass.getKey(),
                        "the Bocata processor failed on the routes of "
                                + handlerClass.getKey().getQualifiedName() + " (please report it): " + trace);
            }
        }
        if (round.processingOver() && !serviceFile.isEmpty() && !failed) {
            serviceFile.write(processingEnv);
        }
        if (round.processingOver() && !failed) {
            writeProviderIndex();
        }
        return false;
    }

    private void process(TypeElement handlerClass, List<ExecutableElement> methods, boolean lastRound) {
        // A class's routes share one file, so the whole class waits if any of its routes must;
        // in the last round an unresolved type or constant is javac's own error, and nothing is added.
        if (methods.stream().anyMatch(RouteReader::hasErrorTypes)) {
            if (!lastRound) {
                methods.forEach(deferred::defer);
            }
            return;
        }
        RouteReader reader = new RouteReader(processingEnv.getElementUtils());
        List<RouteModel> routes = new ArrayList<>();
        for (ExecutableElement method : methods) {
            RouteModel route = check(reader.read(method));
            if (route != null) {
                routes.add(route);
            }
        }
        if (!routes.isEmpty()) {
            write(handlerClass, routes);
        }
    }

    /** The index of this compilation's providers, for compilations that have its classes on their class path. */
    private void writeProviderIndex() {
        ProviderIndex index = new ProviderIndex();
        providers.all().stream()
                .filter(provider -> ownProviders.contains(provider.method()))
                .forEach(index::add);
        try {
            index.write(processingEnv);
        } catch (IOException e) {
            processingEnv
                    .getMessager()
                    .printMessage(Kind.ERROR, "could not write the index of providers: " + e.getMessage());
        }
    }

    /** Reports the providers' errors not yet reported. */
    private void reportProviderErrors() {
        for (Diagnostic error : providers.check()) {
            if (providerErrors.add(error)) {
                error.report(processingEnv.getMessager());
                failed = true;
            }
        }
    }

    /** Checks one route and resolves what it needs provided; reports its errors, and answers it resolved, or {@code null}. */
    private RouteModel check(RouteModel route) {
        List<Diagnostic> errors = new ArrayList<>(RouteChecker.check(route, processingEnv.getElementUtils()));
        if (PathTemplateSyntax.problem(route.template()).isEmpty()) {
            twins.twinOf(route).ifPresent(twin -> {
                errors.add(RouteTwins.error(route, twin));
                RouteTwins.error(twin, route).report(processingEnv.getMessager());
            });
        }
        RouteModel resolved = route;
        // Also beside the route's other errors: a misspelt path parameter is one on each side.
        if (route.unreadable().isEmpty()
                && !route.method().isVarArgs()
                && PathTemplateSyntax.problem(route.template()).isEmpty()
                && !RouteChecker.parameterNamesAreMissing(route, route.templateParameterNames())) {
            List<ProviderGraph.Need> needs = new ArrayList<>();
            route.parameters().stream()
                    .filter(route::isProvided)
                    .forEach(p -> needs.add(new ProviderGraph.Need(p.element(), null)));
            ExecutableElement constructor = route.isStatic() ? null : RouteChecker.constructorOf(route.handlerClass());
            if (constructor != null) {
                constructor.getParameters().forEach(p -> needs.add(new ProviderGraph.Need(p, route.handlerClass())));
            }
            List<TypeMirror> wanted = new ArrayList<>();
            needs.forEach(need -> wanted.add(need.element().asType()));
            if (providers.complete(
                    wanted, type -> ProviderIndex.find(type, processingEnv), processingEnv.getElementUtils())) {
                reportProviderErrors(); // those of another compilation's providers, now in this one's graph
            }
            List<ProviderModel> used =
                    providers.resolve(needs, route.templateParameterNames(), route.template(), errors);
            resolved = route.resolved(used, constructor);
            if (errors.isEmpty()) {
                ProviderAccess.check(resolved, errors);
            }
            if (!used.isEmpty() && !providerErrors.isEmpty()) {
                // Reported at the providers: the generated code would not compile.
                failed = true;
                return null;
            }
        }
        errors.forEach(diagnostic -> diagnostic.report(processingEnv.getMessager()));
        failed |= !errors.isEmpty();
        return errors.isEmpty() ? resolved : null;
    }

    /** Writes the registry and endpoints of one handler class's checked routes. */
    private void write(TypeElement handlerClass, List<RouteModel> routes) {
        ClassName fileName = GeneratedNames.registry(handlerClass);
        if (!isFree(fileName, handlerClass)) {
            return;
        }
        Elements elements = processingEnv.getElementUtils();
        JavaFile file = EndpointWriter.write(
                fileName,
                handlerClass,
                GeneratedNames.endpoints(fileName, handlerClass, routes),
                canNameGenerated(handlerClass),
                EndpointWriter.namesDeprecated(handlerClass, routes, elements::isDeprecated),
                elements.getModuleOf(handlerClass) != null
                        && !elements.getModuleOf(handlerClass).isUnnamed(),
                GeneratedNames.shadowedJavaLang(handlerClass, routes, elements),
                new ProvidedCode(processingEnv.getTypeUtils(), elements, routes));
        try {
            file.writeTo(processingEnv.getFiler());
        } catch (IOException e) {
            error(handlerClass, "could not write " + fileName + ": " + e.getMessage());
            return;
        }
        serviceFile.add(fileName, handlerClass);
    }

    /**
     * Whether {@code fileName} is the registry of {@code handlerClass} alone; if not, an error on
     * each class that wants it. Names never get a number against a clash: which class got it
     * would depend on the order a compilation sees them in, and the number would move between
     * builds (or a separate compilation would overwrite the other's registry, losing its routes).
     */
    private boolean isFree(ClassName fileName, TypeElement handlerClass) {
        Elements elements = processingEnv.getElementUtils();
        Optional<TypeElement> sameFlatName = GeneratedNames.otherHandlerOfFlatName(handlerClass, elements);
        if (sameFlatName.isPresent()) {
            error(
                    handlerClass,
                    "the routes of " + handlerClass.getQualifiedName() + " would be written to " + fileName
                            + ", the name of the routes of "
                            + sameFlatName.get().getQualifiedName()
                            + ": rename one of the two classes");
            return false;
        }
        TypeElement sameButCase =
                handlersByRegistryName.putIfAbsent(fileName.canonicalName().toLowerCase(Locale.ROOT), handlerClass);
        if (sameButCase != null && !sameButCase.equals(handlerClass)) {
            error(handlerClass, caseClash(handlerClass, sameButCase));
            error(sameButCase, caseClash(sameButCase, handlerClass));
            return false;
        }
        TypeElement existing = elements.getTypeElement(fileName.canonicalName());
        if (existing != null
                && !(existing.getSuperclass() instanceof DeclaredType superclass
                        && ((TypeElement) superclass.asElement())
                                .getQualifiedName()
                                .contentEquals(TypeNames.ROUTE_REGISTRY.canonicalName()))) {
            error(
                    handlerClass,
                    "the routes of " + handlerClass.getQualifiedName() + " are written to the class "
                            + fileName + ", but that name is taken by a class of yours: rename it (the names ending in "
                            + "_WebSocketEndpoints are the processor's)");
            return false;
        }
        return true;
    }

    private static String caseClash(TypeElement handlerClass, TypeElement other) {
        return "the routes of " + handlerClass.getQualifiedName() + " would be written to "
                + GeneratedNames.registry(handlerClass) + ", which differs only in case from the name of the routes of "
                + other.getQualifiedName() + " (one class file would overwrite the other on macOS and Windows): "
                + "rename one of the two classes";
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
            return elements.getTypeElement(TypeNames.GENERATED.canonicalName()) != null;
        }
        return ElementFilter.requiresIn(module.getDirectives()).stream()
                .anyMatch(
                        requires -> requires.getDependency().getQualifiedName().contentEquals("java.compiler"));
    }

    private void error(Element element, String message) {
        processingEnv.getMessager().printMessage(Kind.ERROR, message, element);
        failed = true;
    }
}
