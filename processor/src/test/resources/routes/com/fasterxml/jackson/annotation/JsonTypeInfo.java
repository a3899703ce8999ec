package com.fasterxml.jackson.annotation;

/** Stands in for Jackson's: the processor knows it by name only. */
public @interface JsonTypeInfo {}
