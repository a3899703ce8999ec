package dev.bocata.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Finds {@code @WebSocketRoute} methods in local and anonymous classes, which javac never hands to
 * a processor (they are not members of anything it enters): without this their routes would be
 * left out without a word. Reads javac's trees; on another compiler (or a wrapped environment
 * that hides javac's) it finds nothing.
 */
final class LocalClassRoutes {

    static final String MESSAGE = " is in a local or anonymous class, which no generated code can name: "
            + "move it to a top-level or static nested class";

    private final Trees trees;
    private final Set<CompilationUnitTree> scanned = new HashSet<>();

    private LocalClassRoutes(Trees trees) {
        this.trees = trees;
    }

    /** A finder, or {@code null} when javac's trees are not available. */
    static LocalClassRoutes of(ProcessingEnvironment environment) {
        try {
            return new LocalClassRoutes(Trees.instance(environment));
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
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethod(MethodTree method, Void unused) {
                if (method.getModifiers().getAnnotations().stream().anyMatch(LocalClassRoutes::namesRouteAnnotation)
                        && !inMemberClasses(getCurrentPath().getParentPath())) {
                    trees.printMessage(Kind.ERROR, "@WebSocketRoute method " + method.getName() + MESSAGE,
                            method, getCurrentPath().getCompilationUnit());
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

    /** Local classes are not attributed when processors run: the annotation is known by its name. */
    private static boolean namesRouteAnnotation(AnnotationTree annotation) {
        String name = annotation.getAnnotationType().toString();
        return name.equals("WebSocketRoute") || name.equals(TypeNames.WEB_SOCKET_ROUTE);
    }
}
