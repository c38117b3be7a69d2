package dev.myelin.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Messages;

/**
 * A module tree as JSON, and back. Each module is an object with a {@code "type"} and its constructor
 * settings, e.g.
 * <pre>{"type":"Sequential","layers":[{"type":"Linear","in":10,"out":32,"bias":true},{"type":"ReLU"}]}</pre>
 * The types and their settings are those registered in {@link ModuleRegistry}. The spec holds no weights:
 * {@link #fromJson} builds a freshly initialized module, and the caller then loads the weights with
 * {@link Module#loadStateDict}. Settings that have a PyTorch default may be omitted; a missing required
 * field, an unknown field or an unknown type is an {@link IllegalArgumentException} naming its path
 * (e.g. {@code layers[2].out}). {@link #parse} validates a spec without building it.
 */
public final class Architecture {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Architecture() {}

    /**
     * The JSON spec of a module tree (settings only, no weights), indented.
     *
     * @param module the root module
     * @return the architecture JSON
     * @throws IllegalArgumentException if the tree contains a module type that is not registered in
     *     {@link ModuleRegistry}, naming its path
     */
    public static String toJson(Module module) {
        try {
            return JSON.writeValueAsString(ModuleSpec.toJsonNode(module, "$"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write architecture JSON", e);
        }
    }

    /**
     * Reads and validates a spec without building anything (see {@link ModuleSpec#stateShapes()}).
     *
     * @param json the architecture JSON text
     * @return the validated spec
     * @throws IllegalArgumentException if the text is not JSON or the spec is invalid, naming the field's path
     */
    public static ModuleSpec parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    Messages.oneLine("architecture JSON is not valid JSON: " + e.getOriginalMessage()), e);
        }
        if (root == null || root.isMissingNode()) throw new IllegalArgumentException("architecture JSON is empty");
        try {
            return ModuleSpec.parse(root, "$");
        } catch (IllegalArgumentException e) { // names and values quoted from the JSON may hold line breaks
            String one = Messages.oneLine(e.getMessage());
            throw one.equals(e.getMessage()) ? e : new IllegalArgumentException(one, e);
        }
    }

    /**
     * Builds the module a spec describes, initialized from {@code new Generator(0)}.
     *
     * <pre>{@code
     * Module model = Architecture.fromJson("{\"type\":\"MLP\",\"inputDim\":4,\"hiddenLayers\":[8],\"outputDim\":3}");
     * }</pre>
     *
     * @param json the architecture JSON text
     * @return the new, freshly initialized module
     * @throws IllegalArgumentException if the spec is invalid or a tensor would not fit in the heap
     */
    public static Module fromJson(String json) {
        return fromJson(json, new Generator(0));
    }

    /**
     * Builds the module a spec describes; initialization and Dropout draw from {@code gen}.
     *
     * @param json the architecture JSON text
     * @param gen the generator for initialization and dropout
     * @return the new, freshly initialized module
     * @throws IllegalArgumentException if the spec is invalid or a tensor would not fit in the heap
     */
    public static Module fromJson(String json, Generator gen) {
        return parse(json).build(gen);
    }
}
