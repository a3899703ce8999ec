package dev.bocata.processor;

import com.palantir.javapoet.ClassName;

/**
 * One checked route as the generated file serves it: the endpoint class, the route's number
 * there, and the name of its method.
 */
record Endpoint(RouteModel route, ClassName endpointClass, int number, String methodName) {}
