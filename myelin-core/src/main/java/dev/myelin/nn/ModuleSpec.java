package dev.myelin.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Messages;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A validated description of one module (and its submodules): its {@link ModuleType} and argument values,
 * read from architecture JSON. Nothing is allocated until {@link #build}: {@link #stateShapes()} tells the
 * shapes of every parameter and buffer first, which is how model files check a file before building.
 * {@link Architecture} reads and writes the JSON text.
 */
public final class ModuleSpec {
    private final ModuleType<?> type;
    private final Args args;
    private final String path;
    private StateShapes shapes;

    private ModuleSpec(ModuleType<?> type, Args args, String path) {
        this.type = type;
        this.args = args;
        this.path = path;
    }

    /**
     * Reads the spec object at {@code path} (e.g. {@code $.layers[2]}): a registered {@code "type"} and its
     * arguments, each validated; an unknown type or field is an error naming its path.
     *
     * @param node the JSON object, e.g. {@code {"type":"Linear","in":784,"out":10}}
     * @param path its path in the architecture JSON, for messages ({@code $} for the root)
     * @return the validated spec (nothing is allocated)
     * @throws IllegalArgumentException if the node is not an object, the type is unknown, a field is unknown,
     *     missing or of the wrong kind, naming the field's path
     */
    public static ModuleSpec parse(JsonNode node, String path) {
        if (node == null || !node.isObject())
            throw new IllegalArgumentException("Architecture: " + path + " must be a JSON object with a \"type\", got "
                    + (node == null ? "nothing" : node.getNodeType()));
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull())
            throw new IllegalArgumentException("Architecture: missing required field " + path + ".type");
        if (!typeNode.isTextual()) throw Arg.invalid(path + ".type", "must be a string", typeNode);
        ModuleType<?> type = ModuleRegistry.find(typeNode.textValue());
        if (type == null)
            throw new IllegalArgumentException("Architecture: unknown module type '" + typeNode.textValue()
                    + "' at field " + path + ".type; supported types are " + ModuleRegistry.names());
        Set<String> known = new HashSet<>();
        known.add("type");
        Map<Arg<?, ?>, Object> values = new LinkedHashMap<>();
        for (Arg<?, ?> a : type.args()) {
            known.add(a.name());
            values.put(a, a.read(node, path));
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k))
                throw new IllegalArgumentException("Architecture: unknown field " + path + "." + k + " for type "
                        + type.name() + "; its fields are " + type.args());
        }
        return new ModuleSpec(type, new Args(values, path), path);
    }

    /**
     * The spec of a built module (its type, and its submodules' types, must be registered).
     *
     * @param module the module
     * @return its spec, as architecture JSON would describe it
     * @throws IllegalArgumentException if a module's class is not registered in {@link ModuleRegistry}
     */
    public static ModuleSpec of(Module module) {
        return parse(toJsonNode(module, "$"), "$");
    }

    /** The JSON object describing {@code module}, found at {@code path} in the tree being written. */
    static ObjectNode toJsonNode(Module module, String path) {
        ModuleType<?> type = ModuleRegistry.forClass(module.getClass());
        if (type == null)
            throw new IllegalArgumentException("Architecture: module at " + path + " has type "
                    + module.getClass().getName()
                    + ", which is not a registered module type; register it with ModuleRegistry.register, or use one of "
                    + ModuleRegistry.names());
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", type.name());
        for (Arg<?, ?> a : type.args()) a.write(module, n, path);
        return n;
    }

    /** {@return the module's registered type} */
    public ModuleType<?> type() {
        return type;
    }

    /** {@return the validated argument values} */
    public Args args() {
        return args;
    }

    /** {@return where the spec sits in the architecture JSON ({@code $} for the root)} */
    public String path() {
        return path;
    }

    /** {@return the shapes of the state dict the built module will have, computed without allocating} */
    public StateShapes stateShapes() {
        if (shapes == null) shapes = type.stateShapes(args);
        return shapes;
    }

    /**
     * Builds the module, freshly initialized from {@code gen}. First checks that every tensor fits in a tensor
     * and that all of them together fit in this JVM's heap, so an absurd spec gets a message, not an
     * OutOfMemoryError. A constructor's complaint is reported with this spec's path.
     *
     * @param gen the generator for the module's initialization (and, for dropout, its runs)
     * @return the new module
     * @throws IllegalArgumentException if a tensor is too large or the constructor rejects the arguments
     */
    public Module build(Generator gen) {
        checkSize();
        try {
            return type.build(args, gen);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Architecture:")) throw e;
            throw new IllegalArgumentException(
                    Messages.oneLine("Architecture: " + path + " (" + type.name() + "): " + e.getMessage()), e);
        }
    }

    private void checkSize() {
        stateShapes().requireFits("Architecture: " + path + " (" + type.name() + ")");
    }

    @Override
    public String toString() {
        return type.name() + args;
    }
}
