package tools.jackson.databind;

/** Stands in for Jackson's tree: abstract, yet bound without annotations. */
public abstract class JsonNode {}
