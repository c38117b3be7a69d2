package dev.myelin.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.myelin.tensor.Generator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A module tree built from the standard modules as JSON, and back. Each module is an object with a
 * {@code "type"} and its constructor settings, e.g.
 * <pre>{"type":"Sequential","layers":[{"type":"Linear","in":10,"out":32,"bias":true},{"type":"ReLU"}]}</pre>
 * The spec holds no weights: {@link #fromJson} builds a freshly initialized module, and the caller then
 * loads the weights with {@link Module#loadStateDict}. Settings that have a PyTorch default may be
 * omitted; a missing required field, an unknown field or an unknown type is an
 * {@link IllegalArgumentException} naming its path (e.g. {@code layers[2].out}).
 */
public final class Architecture {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Architecture() {}

    /** The JSON spec of a module tree; throws if it contains a module type this class does not know. */
    public static String toJson(Module module) {
        try {
            return JSON.writeValueAsString(spec(module, "$"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write architecture JSON", e);
        }
    }

    /** Builds the module a spec describes, initialized from {@code new Generator(0)}. */
    public static Module fromJson(String json) {
        return fromJson(json, new Generator(0));
    }

    /** Builds the module a spec describes; initialization and Dropout draw from {@code gen}. */
    public static Module fromJson(String json, Generator gen) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("architecture JSON is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null) throw new IllegalArgumentException("architecture JSON is empty");
        return build(root, "$", gen);
    }

    // ---------------------------------------------------------------- module → spec

    private static ObjectNode spec(Module m, String path) {
        ObjectNode n = JSON.createObjectNode();
        Class<?> c = m.getClass();
        n.put("type", c.getSimpleName());
        if (c == Sequential.class) {
            ArrayNode layers = n.putArray("layers");
            int i = 0;
            for (Module child : m.children()) layers.add(spec(child, path + ".layers[" + i++ + "]"));
        } else if (c == Linear.class) {
            Linear l = (Linear) m;
            n.put("in", l.inFeatures()).put("out", l.outFeatures()).put("bias", l.bias() != null);
        } else if (c == MLP.class) {
            MLP mlp = (MLP) m;
            n.put("inputDim", mlp.inputDim());
            ArrayNode hidden = n.putArray("hiddenLayers");
            mlp.hiddenLayers().forEach(hidden::add);
            n.put("outputDim", mlp.outputDim()).put("activation", mlp.activation().key());
        } else if (c == Flatten.class) {
            n.put("startDim", ((Flatten) m).startDim()).put("endDim", ((Flatten) m).endDim());
        } else if (c == Dropout.class) {
            n.put("p", ((Dropout) m).p());
        } else if (c == BatchNorm1d.class) {
            BatchNorm1d b = (BatchNorm1d) m;
            n.put("numFeatures", b.numFeatures()).put("eps", b.eps()).put("momentum", b.momentum());
        } else if (c == LayerNorm.class) {
            LayerNorm l = (LayerNorm) m;
            ArrayNode shape = n.putArray("normalizedShape");
            for (int s : l.normalizedShape()) shape.add(s);
            n.put("eps", l.eps()).put("elementwiseAffine", l.elementwiseAffine());
        } else if (c == Embedding.class) {
            n.put("numEmbeddings", ((Embedding) m).numEmbeddings()).put("embeddingDim", ((Embedding) m).embeddingDim());
        } else if (c == LeakyReLU.class) {
            n.put("negativeSlope", ((LeakyReLU) m).negativeSlope());
        } else if (c == ELU.class) {
            n.put("alpha", ((ELU) m).alpha());
        } else if (c == Softplus.class) {
            n.put("beta", ((Softplus) m).beta()).put("threshold", ((Softplus) m).threshold());
        } else if (c == Softmax.class) {
            n.put("dim", ((Softmax) m).dim());
        } else if (c == LogSoftmax.class) {
            n.put("dim", ((LogSoftmax) m).dim());
        } else if (!SIMPLE.contains(c.getSimpleName()) || c.getPackage() != Architecture.class.getPackage()) {
            throw new IllegalArgumentException("Architecture: module at " + path + " has type " + c.getName()
                    + ", which is not a standard module; supported types are " + TYPES);
        }
        return n;
    }

    /** Modules without settings. */
    private static final Set<String> SIMPLE = Set.of("Identity", "Step", "Sigmoid", "Tanh", "ReLU", "GELU");
    private static final List<String> TYPES = List.of("Sequential", "Linear", "MLP", "Flatten", "Dropout", "BatchNorm1d", "LayerNorm",
            "Embedding", "Identity", "Step", "Sigmoid", "Tanh", "ReLU", "LeakyReLU", "ELU", "GELU", "Softplus", "Softmax", "LogSoftmax");

    // ---------------------------------------------------------------- spec → module

    private static Module build(JsonNode n, String path, Generator gen) {
        if (!n.isObject()) throw new IllegalArgumentException("Architecture: " + path + " must be a JSON object with a \"type\", got " + n.getNodeType());
        Fields f = new Fields(n, path);
        String type = f.string("type");
        Module m = switch (type) {
            case "Sequential" -> {
                JsonNode layers = f.require("layers");
                if (!layers.isArray()) throw new IllegalArgumentException("Architecture: field " + path + ".layers must be an array");
                List<Module> mods = new ArrayList<>();
                for (int i = 0; i < layers.size(); i++) mods.add(build(layers.get(i), path + ".layers[" + i + "]", gen));
                yield new Sequential(mods);
            }
            case "Linear" -> new Linear(f.positiveInt("in"), f.positiveInt("out"), f.bool("bias", true), gen);
            case "MLP" -> {
                int in = f.positiveInt("inputDim");
                JsonNode hidden = f.require("hiddenLayers");
                if (!hidden.isArray()) throw new IllegalArgumentException("Architecture: field " + path + ".hiddenLayers must be an array of widths");
                List<Integer> widths = new ArrayList<>();
                for (int i = 0; i < hidden.size(); i++) {
                    JsonNode h = hidden.get(i);
                    if (!h.isInt() || h.intValue() <= 0)
                        throw new IllegalArgumentException("Architecture: field " + path + ".hiddenLayers[" + i + "] must be a positive integer, got " + h);
                    widths.add(h.intValue());
                }
                int out = f.positiveInt("outputDim");
                String act = f.optString("activation", "relu");
                Activation a;
                try {
                    a = Activation.fromName(act);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Architecture: field " + path + ".activation: " + e.getMessage(), e);
                }
                yield new MLP(in, widths, out, a, gen);
            }
            case "Flatten" -> new Flatten(f.integer("startDim", 1), f.integer("endDim", -1));
            case "Dropout" -> new Dropout(f.number("p", 0.5), gen);
            case "BatchNorm1d" -> new BatchNorm1d(f.positiveInt("numFeatures"), f.number("eps", 1e-5), f.number("momentum", 0.1));
            case "LayerNorm" -> {
                JsonNode shape = f.require("normalizedShape");
                int[] s;
                if (shape.isInt()) s = new int[] {shape.intValue()};
                else if (shape.isArray()) {
                    s = new int[shape.size()];
                    for (int i = 0; i < s.length; i++) {
                        if (!shape.get(i).isInt())
                            throw new IllegalArgumentException("Architecture: field " + path + ".normalizedShape[" + i + "] must be an integer");
                        s[i] = shape.get(i).intValue();
                    }
                } else throw new IllegalArgumentException("Architecture: field " + path + ".normalizedShape must be an integer or an array of integers");
                yield new LayerNorm(s, f.number("eps", 1e-5), f.bool("elementwiseAffine", true));
            }
            case "Embedding" -> new Embedding(f.positiveInt("numEmbeddings"), f.positiveInt("embeddingDim"), gen);
            case "Identity" -> new Identity();
            case "Step" -> new Step();
            case "Sigmoid" -> new Sigmoid();
            case "Tanh" -> new Tanh();
            case "ReLU" -> new ReLU();
            case "GELU" -> new GELU();
            case "LeakyReLU" -> new LeakyReLU(f.number("negativeSlope", 0.01));
            case "ELU" -> new ELU(f.number("alpha", 1.0));
            case "Softplus" -> new Softplus(f.number("beta", 1), f.number("threshold", 20));
            case "Softmax" -> new Softmax(f.integer("dim", -1));
            case "LogSoftmax" -> new LogSoftmax(f.integer("dim", -1));
            default -> throw new IllegalArgumentException("Architecture: unknown module type '" + type + "' at field " + path
                    + ".type; supported types are " + TYPES);
        };
        f.rejectUnused();
        return m;
    }

    /** Reads fields of one spec object, remembering which were used so that typos are reported. */
    private static final class Fields {
        private final JsonNode node;
        private final String path;
        private final java.util.HashSet<String> used = new java.util.HashSet<>();

        Fields(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        JsonNode require(String name) {
            used.add(name);
            JsonNode v = node.get(name);
            if (v == null || v.isNull())
                throw new IllegalArgumentException("Architecture: missing required field " + path + "." + name);
            return v;
        }

        private JsonNode optional(String name) {
            used.add(name);
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : v;
        }

        String string(String name) {
            JsonNode v = require(name);
            if (!v.isTextual()) throw new IllegalArgumentException("Architecture: field " + path + "." + name + " must be a string, got " + v);
            return v.textValue();
        }

        String optString(String name, String dflt) {
            JsonNode v = optional(name);
            if (v == null) return dflt;
            if (!v.isTextual()) throw new IllegalArgumentException("Architecture: field " + path + "." + name + " must be a string, got " + v);
            return v.textValue();
        }

        int positiveInt(String name) {
            JsonNode v = require(name);
            if (!v.isInt() || v.intValue() <= 0)
                throw new IllegalArgumentException("Architecture: field " + path + "." + name + " must be a positive integer, got " + v);
            return v.intValue();
        }

        int integer(String name, int dflt) {
            JsonNode v = optional(name);
            if (v == null) return dflt;
            if (!v.isInt()) throw new IllegalArgumentException("Architecture: field " + path + "." + name + " must be an integer, got " + v);
            return v.intValue();
        }

        double number(String name, double dflt) {
            JsonNode v = optional(name);
            if (v == null) return dflt;
            if (!v.isNumber()) throw new IllegalArgumentException("Architecture: field " + path + "." + name + " must be a number, got " + v);
            return v.doubleValue();
        }

        boolean bool(String name, boolean dflt) {
            JsonNode v = optional(name);
            if (v == null) return dflt;
            if (!v.isBoolean()) throw new IllegalArgumentException("Architecture: field " + path + "." + name + " must be true or false, got " + v);
            return v.booleanValue();
        }

        void rejectUnused() {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                String k = it.next().getKey();
                if (!used.contains(k))
                    throw new IllegalArgumentException("Architecture: unknown field " + path + "." + k + " for type " + node.get("type").textValue());
            }
        }
    }
}
