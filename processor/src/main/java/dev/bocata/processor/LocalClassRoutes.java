package dev.bocata.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic.Kind;

/**
 * Finds {@code @WebSocketRoute} methods in local and anonymous classes, which javac never hands to
 * a processor (they are not members of anything it enters): without this their routes would be
 * left out without a word. Reads javac's trees; on another compiler (or a wrapped environment
 * that hides javac's) it finds nothing.
 */
final class LocalClassRoutes {

    private static final String SIMPLE_NAME = "WebSocketRoute";

    static final String MESSAGE = " is in a local or anonymous class, which no generated code can name: "
            + "move it to a top-level or static nested class";

    private final Trees trees;
    private final Elements elements;
    private final Set<CompilationUnitTree> scanned = new HashSet<>();

    private LocalClassRoutes(Trees trees, Elements elements) {
        this.trees = trees;
        this.elements = elements;
    }

    /** A finder, or {@code null} when javac's trees are not available. */
    static LocalClassRoutes of(ProcessingEnvironment environment) {
        try {
            return new LocalClassRoutes(Trees.instance(environment), environment.getElementUtils());
        } catch (IllegalArgumentException | LinkageError notJavac) {
            return null;
        }
    }

    /** Reports an error at each such method in the compilation unit of {@code root}; answers whether there was one. */
    boolean report(Element root) {
        TreePath path = trees.getPath(root);
        if (path == null || !scanned.add(path.getCompilationUnit())) {
            return false;
        }
        boolean[] found = {false};
        CompilationUnitTree unit = path.getCompilationUnit();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethod(MethodTree method, Void unused) {
                if (method.getModifiers().getAnnotations().stream().anyMatch(a -> namesRouteAnnotation(a, unit))
                        && !inMemberClasses(getCurrentPath().getParentPath())) {
                    trees.printMessage(
                            Kind.ERROR,
                            "@WebSocketRoute method " + method.getName() + MESSAGE,
                            method,
                            getCurrentPath().getCompilationUnit());
                    found[0] = true;
                }
                return super.visitMethod(method, unused);
            }
        }.scan(path.getCompilationUnit(), null);
        return found[0];
    }

    /** Whether the class at {@code path} is top-level or a member of such a class, all the way out. */
    private static boolean inMemberClasses(TreePath path) {
        for (; path.getLeaf() instanceof ClassTree; path = path.getParentPath()) {
            if (path.getParentPath().getLeaf() instanceof CompilationUnitTree) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the annotation is {@code @WebSocketRoute}. Local classes are not attributed when
     * processors run, so its name is resolved here as javac would (JLS 6.4.1): a single-type
     * import, then a type of the file's own package, then an import on demand. (A member type
     * named {@code WebSocketRoute} of an enclosing class is not looked for.)
     */
    private boolean namesRouteAnnotation(AnnotationTree annotation, CompilationUnitTree unit) {
        String name = annotation.getAnnotationType().toString();
        if (!name.equals(SIMPLE_NAME)) {
            return name.equals(TypeNames.WEB_SOCKET_ROUTE);
        }
        List<String> imports = unit.getImports().stream()
                .filter(i -> !i.isStatic())
                .map(i -> i.getQualifiedIdentifier().toString())
                .toList();
        for (String imported : imports) {
            if (imported.endsWith("." + SIMPLE_NAME)) {
                return imported.equals(TypeNames.WEB_SOCKET_ROUTE);
            }
        }
        String packageName =
                unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        String routePackage = TypeNames.WEB_SOCKET_ROUTE.substring(0, TypeNames.WEB_SOCKET_ROUTE.lastIndexOf('.'));
        if (packageName.equals(routePackage)) {
            return true;
        }
        if (elements.getTypeElement(packageName.isEmpty() ? SIMPLE_NAME : packageName + "." + SIMPLE_NAME) != null) {
            return false;
        }
        return imports.contains(routePackage + ".*");
    }
}
