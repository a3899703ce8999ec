package dev.bocata.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/** One compile error, pointed at the most specific element (and annotation value) there is. */
record Diagnostic(String message, Element element, AnnotationMirror annotation, AnnotationValue value) {

    static Diagnostic at(Element element, String message) {
        return new Diagnostic(message, element, null, null);
    }

    static Diagnostic at(Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
        return new Diagnostic(message, element, annotation, value);
    }

    void report(Messager messager) {
        if (annotation != null && value != null) {
            messager.printMessage(Kind.ERROR, message, element, annotation, value);
        } else if (annotation != null) {
            messager.printMessage(Kind.ERROR, message, element, annotation);
        } else {
            messager.printMessage(Kind.ERROR, message, element);
        }
    }
}
