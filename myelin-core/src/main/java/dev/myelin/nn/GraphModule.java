package dev.myelin.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Modules wired into a directed acyclic graph with named inputs and outputs, for models that
 * {@link Sequential} cannot chain: several inputs (a two-tower model, an encoder-decoder), modules with
 * several inputs or outputs (attention, recurrent layers), skip connections. It plays the role of a
 * {@code torch.fx.GraphModule} written by hand, and it is saved as architecture JSON like any module:
 * <pre>{"type":"GraphModule","inputs":["x1","x2"],
 *  "nodes":[{"name":"enc","module":{"type":"Linear","in":4,"out":3},"inputs":["x1"]},
 *           {"name":"mix","module":{"type":"Bilinear",...},"inputs":["enc","x2"]}],
 *  "outputs":["mix"]}</pre>
 * Nodes run in the order given; each input of a node names a graph input or an earlier node: {@code "enc"}
 * for a node with one output, {@code "lstm.h"} for the output {@code h} of a node with several. Each node's
 * module is registered under the node's name, so its parameters are {@code enc.weight}, ... Run it with
 * {@link #call(Tensor...)} (outputs named as listed in {@code outputs}), or {@link #forward(Tensor)} when it has
 * one input and one output.
 */
public class GraphModule extends Module {
    /**
     * One step of the graph: {@code module} applied to the tensors named by {@code inputs}.
     *
     * @param name the node's name, unique in the graph; its module's parameters are {@code name.weight}, ...
     * @param module the module the node runs (through {@link Module#call(Tensor...)})
     * @param inputs what the module reads, in its input order: graph inputs, earlier nodes, or {@code node.output}
     */
    public record Node(String name, Module module, List<String> inputs) {
        /**
         * A node; {@code inputs} is copied.
         *
         * @param name the node's name, unique in the graph
         * @param module the module the node runs
         * @param inputs what the module reads, in its input order
         */
        public Node {
            inputs = List.copyOf(inputs);
        }
    }

    /** A node as read from JSON: its module is still a spec. */
    private record NodeSpec(String name, ModuleSpec module, List<String> inputs) {}

    private static final Arg<GraphModule, List<String>> INPUTS = Arg.strings("inputs", GraphModule::inputNames);
    private static final Arg<GraphModule, List<NodeSpec>> NODES =
            Arg.of("nodes", true, null, GraphModule::readNodes, GraphModule::nodes, GraphModule::writeNodes);
    private static final Arg<GraphModule, List<String>> OUTPUTS = Arg.strings("outputs", GraphModule::outputNames);
    /**
     * The registered module type: {@code {"type":"GraphModule","inputs":[...],"nodes":[...],"outputs":[...]}}
     * in architecture JSON, as in the class comment.
     */
    public static final ModuleType<GraphModule> TYPE = ModuleType.of(
            GraphModule.class,
            List.of(INPUTS, NODES, OUTPUTS),
            (a, gen) -> new GraphModule(
                    a.get(INPUTS),
                    a.get(NODES).stream()
                            .map(n -> new Node(n.name(), n.module().build(gen), n.inputs()))
                            .toList(),
                    a.get(OUTPUTS)),
            a -> {
                StateShapes s = new StateShapes();
                for (NodeSpec n : a.get(NODES)) s.addAll(n.name(), n.module().stateShapes());
                return s;
            });

    private final List<String> inputs, outputs;
    private final List<Node> nodes;

    /**
     * A graph; each node's module is registered under the node's name. Every reference is checked here, so a
     * graph that builds also runs (given tensors of the right shapes).
     *
     * @param inputs  names of the graph's inputs, in the order {@link #call} takes them
     * @param nodes   the modules and what they read, in execution order
     * @param outputs what the graph returns: graph inputs, node names or {@code node.output} names
     * @throws IllegalArgumentException if there are no inputs or outputs, a name is repeated or invalid, a node reads
     *     nothing, or a reference names neither a graph input nor an earlier node
     */
    public GraphModule(List<String> inputs, List<Node> nodes, List<String> outputs) {
        if (inputs == null || inputs.isEmpty())
            throw new IllegalArgumentException("GraphModule: needs at least one input name");
        if (outputs == null || outputs.isEmpty())
            throw new IllegalArgumentException("GraphModule: needs at least one output");
        Set<String> names = new HashSet<>();
        for (String in : inputs)
            if (in == null || in.isEmpty() || in.contains(".") || !names.add(in))
                throw new IllegalArgumentException(
                        "GraphModule: input names must be unique, non-empty and without '.', got " + inputs);
        for (Node n : nodes) {
            if (n == null || n.module() == null)
                throw new IllegalArgumentException("GraphModule: a node or its module is null");
            if (n.inputs().isEmpty())
                throw new IllegalArgumentException("GraphModule: node '" + n.name() + "' reads no inputs");
            for (String ref : n.inputs()) checkRef(ref, names, "node '" + n.name() + "' input");
            if (!names.add(n.name()))
                throw new IllegalArgumentException("GraphModule: the name '" + n.name() + "' is used twice");
            registerModule(n.name(), n.module());
        }
        for (String ref : outputs) checkRef(ref, names, "output");
        this.inputs = List.copyOf(inputs);
        this.nodes = List.copyOf(nodes);
        this.outputs = List.copyOf(outputs);
    }

    private static void checkRef(String ref, Set<String> defined, String what) {
        String source = ref == null ? null : ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
        if (source == null || !defined.contains(source))
            throw new IllegalArgumentException("GraphModule: " + what + " '" + ref
                    + "' is neither a graph input nor an earlier node; defined so far: " + defined);
    }

    /** {@return the graph's input names, in the order {@link #call} takes them} */
    public List<String> inputNames() {
        return inputs;
    }

    /** {@return what the graph returns, in order: graph inputs, node names or {@code node.output} names} */
    public List<String> outputNames() {
        return outputs;
    }

    /** {@return the nodes in execution order} */
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public Outputs call(Tensor... in) {
        checkInputs(in, inputs.size(), inputs.toArray(String[]::new));
        Map<String, Tensor> given = new HashMap<>();
        for (int i = 0; i < in.length; i++) given.put(inputs.get(i), in[i]);
        Map<String, Outputs> results = new HashMap<>();
        for (Node n : nodes) {
            Tensor[] args =
                    n.inputs().stream().map(ref -> resolve(ref, given, results)).toArray(Tensor[]::new);
            results.put(n.name(), n.module().call(args));
        }
        return Outputs.named(
                outputs,
                outputs.stream().map(ref -> resolve(ref, given, results)).toList());
    }

    private static Tensor resolve(String ref, Map<String, Tensor> given, Map<String, Outputs> results) {
        Tensor t = given.get(ref);
        if (t != null) return t;
        int dot = ref.indexOf('.');
        if (dot >= 0) return results.get(ref.substring(0, dot)).get(ref.substring(dot + 1));
        Outputs out = results.get(ref);
        if (out.size() != 1)
            throw new IllegalArgumentException("GraphModule: node '" + ref + "' has outputs " + out.names()
                    + "; refer to one as '" + ref + "." + out.names().get(0) + "'");
        return out.get(0);
    }

    @Override
    protected String extraRepr() {
        return "inputs=" + inputs + ", outputs=" + outputs;
    }

    // ---------------------------------------------------------------- JSON of the nodes

    private static List<NodeSpec> readNodes(JsonNode v, String field) {
        if (!v.isArray()) throw Arg.invalid(field, "must be an array of {\"name\", \"module\", \"inputs\"} objects", v);
        List<NodeSpec> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode n = v.get(i);
            String at = field + "[" + i + "]";
            if (!n.isObject()) throw Arg.invalid(at, "must be an object with name, module and inputs", n);
            for (var it = n.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!Set.of("name", "module", "inputs").contains(k))
                    throw new IllegalArgumentException("Architecture: unknown field " + at + "." + k
                            + " of a graph node; its fields are [name, module, inputs]");
            }
            for (String k : List.of("name", "module", "inputs"))
                if (n.get(k) == null || n.get(k).isNull())
                    throw new IllegalArgumentException("Architecture: missing required field " + at + "." + k);
            out.add(new NodeSpec(
                    Arg.string(n.get("name"), at + ".name"),
                    ModuleSpec.parse(n.get("module"), at + ".module"),
                    Arg.stringList(n.get("inputs"), at + ".inputs")));
        }
        return List.copyOf(out);
    }

    private static JsonNode writeNodes(List<Node> nodes, String field) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            ObjectNode o = a.addObject().put("name", n.name());
            o.set("module", ModuleSpec.toJsonNode(n.module(), field + "[" + i + "].module"));
            n.inputs().forEach(o.putArray("inputs")::add);
        }
        return a;
    }
}
