package dev.myelin.onnx;

import dev.myelin.autograd.NoGrad;
import dev.myelin.io.AtomicFiles;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Embedding;
import dev.myelin.nn.GraphModule;
import dev.myelin.nn.Identity;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Unflatten;
import dev.myelin.onnx.proto.Onnx.ModelProto;
import dev.myelin.onnx.proto.Onnx.OperatorSetIdProto;
import dev.myelin.onnx.proto.Onnx.TensorProto;
import dev.myelin.onnx.proto.Onnx.TensorShapeProto;
import dev.myelin.onnx.proto.Onnx.TypeProto;
import dev.myelin.onnx.proto.Onnx.ValueInfoProto;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model made of Myelin's modules as an ONNX model (opset {@value #OPSET}) with a dynamic batch dimension:
 * one input {@code "input"} of shape [batch, ...inputShape] and one output {@code "output"}. Containers
 * ({@link Sequential}, {@link MLP}) are walked; every other module is looked up by its exact class in the table of
 * layer exports ({@link LayerExports}, {@link ConvExports},
 * {@link AttentionExports}; modules with several outputs, the recurrent layers, in {@link RecurrentExports}, used
 * inside a {@link GraphModule} of one input and one output), so a module without one is an
 * {@link OnnxException} naming the module and its type. Weights become initializers under their state-dict names.
 * The model is exported as it computes in eval mode (dropout as identity, batch norm with its running statistics).
 * A module whose {@code call} takes several inputs (attention, the decoder, the Transformer) exports through
 * {@link #toModel(Module, List)}, one named graph input per {@link GraphInput}, by its {@link InputsExport}.
 */
public final class OnnxExporter {
    /** The ONNX operator set the files use. */
    public static final int OPSET = 17;
    /** ONNX IR version 8 goes with opset 17. */
    static final long IR_VERSION = 8;
    /** The batch size of the sample forward pass that gives each layer's shapes (any size would do). */
    private static final int SAMPLE_BATCH = 2;
    /** The most values the traced input may hold (examples of 8M values: far beyond any model's input here). */
    private static final int MAX_SAMPLE = 1 << 24;

    private static final Map<Class<? extends Module>, LayerExport> TABLE = new HashMap<>();
    private static final Map<Class<? extends Module>, MultiExport> MULTI = new HashMap<>();
    private static final Map<Class<? extends Module>, InputsExport> INPUTS = new HashMap<>();

    static {
        LayerExports.addTo(TABLE);
        ConvExports.addTo(TABLE);
        AttentionExports.addTo(TABLE);
        AttentionExports.addInputsTo(INPUTS);
        CellExports.addInputsTo(INPUTS);
        RecurrentExports.addTo(MULTI);
        CellExports.addTo(MULTI);
    }

    private OnnxExporter() {}

    /**
     * The ONNX model of {@code model} for inputs of shape [batch, ...inputShape], traced with a forward pass in eval
     * mode (the model's training mode is restored afterwards).
     *
     * @param model the model to export, made of modules that have an ONNX mapping (see {@link #exportable()})
     * @param inputShape the input's shape without the batch dimension (e.g. {@code 784}, or {@code 1, 28, 28}); see
     *     {@link #inputShape(Module)}
     * @return the model, with one input {@code "input"} and one output {@code "output"}
     * @throws IllegalArgumentException if the model is null or the shape is empty, has a size ≤ 0 or is too large
     *     to trace
     * @throws OnnxException if a module has no ONNX mapping or uses a setting ONNX lacks
     */
    public static ModelProto toModel(Module model, int... inputShape) {
        if (model == null) throw new IllegalArgumentException("ONNX export: the model is null");
        if (inputShape == null || inputShape.length == 0)
            throw new IllegalArgumentException(
                    "ONNX export: give the input shape without the batch dimension (e.g. 784, or 1, 28, 28)");
        for (int d : inputShape)
            if (d <= 0)
                throw new IllegalArgumentException(
                        "ONNX export: input shape " + Shapes.str(inputShape) + " has a size ≤ 0");
        int[] sampleShape = new int[inputShape.length + 1];
        sampleShape[0] = SAMPLE_BATCH;
        System.arraycopy(inputShape, 0, sampleShape, 1, inputShape.length);
        if (Shapes.numel(sampleShape) > MAX_SAMPLE)
            throw new IllegalArgumentException(
                    "ONNX export: input shape " + Shapes.str(inputShape) + " has more than " + MAX_SAMPLE / SAMPLE_BATCH
                            + " values per example; the shapes are traced with a forward pass, which would not fit");

        boolean training = model.isTraining();
        model.eval();
        OnnxGraph graph = new OnnxGraph();
        Emitted out;
        try (NoGrad ignored = NoGrad.enter()) {
            String input = graph.fresh("input");
            out = emit(model, "", input, Tensor.zeros(sampleShape), graph);
        } finally {
            model.train(training);
        }
        String output = graph.fresh("output");
        graph.builder()
                .addNode(dev.myelin.onnx.proto.Onnx.NodeProto.newBuilder()
                        .setOpType("Identity")
                        .setName("/output/Identity")
                        .addInput(out.name())
                        .addOutput(output));
        graph.builder()
                .setName(model.typeName())
                .addInput(valueInfo("input", sampleShape))
                .addOutput(valueInfo(output, out.sample().shape()));
        return model(graph);
    }

    /**
     * The ONNX model of a module whose {@code call} takes several inputs (or one): one graph input per
     * {@link GraphInput}, fed to {@code call} in order, and one graph output per output of the module, under the
     * names of its {@link Outputs} ({@code "output"}, {@code "weights"}). Each input's batch dimension is symbolic;
     * an output dimension is symbolic when it follows the batch size (found by tracing two batch sizes).
     *
     * @param model the module to export (attention, a decoder, a Transformer, a recurrent cell, or any module of one
     *     input)
     * @param inputs the graph inputs, in the order {@code call} takes them; names unique
     * @return the model
     * @throws IllegalArgumentException if the model is null, there are no inputs, two share a name, or an input is
     *     too large to trace
     * @throws OnnxException if the module (or one inside it) has no ONNX mapping
     */
    public static ModelProto toModel(Module model, List<GraphInput> inputs) {
        if (model == null) throw new IllegalArgumentException("ONNX export: the model is null");
        if (inputs == null || inputs.isEmpty())
            throw new IllegalArgumentException("ONNX export: give at least one graph input");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (GraphInput in : inputs) {
            if (!seen.add(in.name()))
                throw new IllegalArgumentException("ONNX export: two graph inputs are named '" + in.name() + "'");
            if (Shapes.numel(in.withBatch(SAMPLE_BATCH + 1)) > MAX_SAMPLE)
                throw new IllegalArgumentException("ONNX export: input '" + in.name() + "' of shape "
                        + Shapes.str(in.shape()) + " is too large to trace with a forward pass");
        }
        boolean training = model.isTraining();
        model.eval();
        OnnxGraph graph = new OnnxGraph();
        List<Emitted> outs;
        Outputs sample, other;
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor[] samples = samples(inputs, SAMPLE_BATCH), others = samples(inputs, SAMPLE_BATCH + 1);
            sample = model.call(samples);
            other = model.call(others);
            List<Emitted> in = new java.util.ArrayList<>();
            for (int i = 0; i < inputs.size(); i++)
                in.add(new Emitted(graph.fresh(inputs.get(i).name()), samples[i]));
            InputsExport export = INPUTS.get(model.getClass());
            if (export != null)
                outs = export.export(
                        new ExportStep(model, "", in.getFirst().name(), samples[0], sample.get(0), graph), in);
            else if (inputs.size() == 1)
                outs = List.of(emit(model, "", in.getFirst().name(), samples[0], graph));
            else
                throw new OnnxException("ONNX export: module '(root)' (" + model.typeName() + ") takes "
                        + inputs.size() + " inputs, which only "
                        + INPUTS.keySet().stream()
                                .map(Class::getSimpleName)
                                .sorted()
                                .toList() + " export");
        } finally {
            model.train(training);
        }
        for (GraphInput in : inputs) {
            boolean[] symbolic = new boolean[in.withBatch(1).length];
            if (in.batchAxis() >= 0) symbolic[in.batchAxis()] = true;
            graph.builder().addInput(valueInfo(in.name(), in.withBatch(SAMPLE_BATCH), symbolic));
        }
        for (int i = 0; i < outs.size(); i++) {
            String name = graph.fresh(sample.names().get(i));
            graph.builder()
                    .addNode(dev.myelin.onnx.proto.Onnx.NodeProto.newBuilder()
                            .setOpType("Identity")
                            .setName("/" + name + "/Identity")
                            .addInput(outs.get(i).name())
                            .addOutput(name));
            int[] a = sample.get(i).shape(), b = other.get(i).shape();
            boolean[] symbolic = new boolean[a.length];
            for (int d = 0; d < a.length; d++) symbolic[d] = a[d] != b[d];
            graph.builder().addOutput(valueInfo(name, a, symbolic));
        }
        graph.builder().setName(model.typeName());
        return model(graph);
    }

    /**
     * Writes a module of several inputs as an ONNX file, atomically; see {@link #toModel(Module, List)}.
     *
     * @param file the file to write (replaced if it exists)
     * @param model the module to export
     * @param inputs the graph inputs, in the order {@code call} takes them
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #toModel(Module, List)}
     */
    public static void write(Path file, Module model, List<GraphInput> inputs) throws IOException {
        AtomicFiles.write(file, toModel(model, inputs).toByteArray());
    }

    private static Tensor[] samples(List<GraphInput> inputs, int batch) {
        Tensor[] t = new Tensor[inputs.size()];
        for (int i = 0; i < t.length; i++) t[i] = Tensor.zeros(inputs.get(i).withBatch(batch));
        return t;
    }

    private static ModelProto model(OnnxGraph graph) {
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("myelin")
                .setProducerVersion(version())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.builder())
                .build();
    }

    /**
     * Writes {@code model} as an ONNX file, atomically (a temporary file renamed into place); see
     * {@link #toModel(Module, int...)}.
     *
     * @param file the file to write (replaced if it exists)
     * @param model the model to export
     * @param inputShape the input's shape without the batch dimension
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #toModel(Module, int...)}
     */
    public static void write(Path file, Module model, int... inputShape) throws IOException {
        byte[] bytes = toModel(model, inputShape).toByteArray();
        AtomicFiles.write(file, bytes);
    }

    /**
     * The input shape (without the batch dimension) a model's first layers fix: a {@link Linear}'s or {@link MLP}'s
     * input width, an {@link Unflatten} of dim 1's sizes' product, past leading layers that keep the shape
     * (activations, dropout). Fails naming the first layer when it does not fix the shape.
     *
     * @param model the model whose input shape is wanted
     * @return the input shape without the batch dimension, for {@link #toModel(Module, int...)}
     * @throws IllegalArgumentException if the first layer (e.g. an {@code Embedding} or a convolution) leaves the
     *     shape free
     */
    public static int[] inputShape(Module model) {
        Module m = model;
        while (true) {
            switch (m) {
                case MLP mlp -> {
                    return new int[] {mlp.inputDim()};
                }
                case Linear l -> {
                    return new int[] {l.inFeatures()};
                }
                case Unflatten u
                when u.dim() == 1 -> {
                    return new int[] {Shapes.numel(u.sizes())};
                }
                case Sequential seq -> {
                    Module first = null;
                    for (Module c : seq.children()) {
                        if (c.parameters().isEmpty()
                                && (c instanceof Dropout || c instanceof Identity || isActivation(c))) continue;
                        first = c;
                        break;
                    }
                    if (first == null)
                        throw new IllegalArgumentException("ONNX export: no layer of the " + model.typeName()
                                + " fixes its input shape; give it (myelin export --input-shape)");
                    m = first;
                }
                case Embedding e ->
                    throw new IllegalArgumentException("ONNX export: the model starts with an Embedding, whose input"
                            + " length is free; give the sequence length (myelin export --input-shape)");
                default -> {
                    if (m instanceof GraphModule g && !g.children().isEmpty()) {
                        m = g.children().get(0);
                        continue;
                    }
                    throw new IllegalArgumentException("ONNX export: the model's first layer, " + m.typeName()
                            + ", does not fix the input shape; give it (myelin export --input-shape)");
                }
            }
        }
    }

    private static boolean isActivation(Module m) {
        for (dev.myelin.nn.Activation a : dev.myelin.nn.Activation.values())
            if (a != dev.myelin.nn.Activation.PRELU && a.module().getClass() == m.getClass()) return true;
        return false;
    }

    /** A value of the graph and the sample tensor it holds in the sample forward pass. */
    record Emitted(String name, Tensor sample) {}

    /** Emits one module (a container by its children) and returns its output. */
    static Emitted emit(Module m, String path, String input, Tensor sample, OnnxGraph graph) {
        switch (m) {
            case Sequential seq -> {
                Emitted x = new Emitted(input, sample);
                List<Module> children = seq.children();
                for (int i = 0; i < children.size(); i++)
                    x = emit(children.get(i), join(path, Integer.toString(i)), x.name(), x.sample(), graph);
                return x;
            }
            case MLP mlp -> {
                return emit(mlp.model(), join(path, "model"), input, sample, graph);
            }
            case GraphModule g -> {
                return emitGraph(g, path, input, sample, graph);
            }
            default -> {
                LayerExport export = TABLE.get(m.getClass());
                String where = "module '" + (path.isEmpty() ? "(root)" : path) + "' (" + m.typeName() + ")";
                if (export == null && MULTI.containsKey(m.getClass()))
                    throw new OnnxException(
                            "ONNX export: " + where + " returns several outputs; export it inside a GraphModule"
                                    + " that picks one (as the rnn/lstm/gru built-ins do)");
                if (export == null)
                    throw new OnnxException(
                            "ONNX export: " + where + " has no ONNX mapping: Myelin knows no ONNX operator for "
                                    + m.typeName() + " (exportable: " + exportable() + ")");
                Tensor out = m.forward(sample);
                return new Emitted(export.export(new ExportStep(m, path, input, sample, out, graph)), out);
            }
        }
    }

    /**
     * A GraphModule of one input and one output whose nodes each read one value: each node is emitted on the value
     * it reads; a module with several outputs (a recurrent layer) gives one value per output ({@code "lstm.output"}).
     */
    private static Emitted emitGraph(GraphModule g, String path, String input, Tensor sample, OnnxGraph graph) {
        String where = "module '" + (path.isEmpty() ? "(root)" : path) + "' (GraphModule)";
        if (g.inputNames().size() != 1 || g.outputNames().size() != 1)
            throw new OnnxException("ONNX export: " + where + " has inputs " + g.inputNames() + " and outputs "
                    + g.outputNames() + "; graphs of one input and one output export");
        Map<String, Emitted> values = new HashMap<>();
        values.put(g.inputNames().getFirst(), new Emitted(input, sample));
        for (GraphModule.Node node : g.nodes()) {
            String nodePath = join(path, node.name());
            if (node.inputs().size() != 1)
                throw new OnnxException("ONNX export: module '" + nodePath + "' ("
                        + node.module().typeName() + ") reads " + node.inputs()
                        + "; only nodes that read one value export");
            Emitted in = values.get(node.inputs().getFirst());
            if (in == null)
                throw new OnnxException("ONNX export: " + where + ": '"
                        + node.inputs().getFirst() + "' names a node with several outputs; pick one as 'node.output'");
            MultiExport multi = MULTI.get(node.module().getClass());
            if (multi == null) {
                values.put(node.name(), emit(node.module(), nodePath, in.name(), in.sample(), graph));
                continue;
            }
            Outputs outs = node.module().call(in.sample());
            Map<String, String> names =
                    multi.export(new ExportStep(node.module(), nodePath, in.name(), in.sample(), outs.get(0), graph));
            for (String out : outs.names())
                values.put(node.name() + "." + out, new Emitted(names.get(out), outs.get(out)));
        }
        Emitted out = values.get(g.outputNames().getFirst());
        if (out == null)
            throw new OnnxException("ONNX export: " + where + ": output '"
                    + g.outputNames().getFirst() + "' names a node with several outputs; pick one as 'node.output'");
        return out;
    }

    /** {@return the simple class names of the module types that export, sorted} */
    public static List<String> exportable() {
        return java.util.stream.Stream.of(TABLE.keySet(), MULTI.keySet(), INPUTS.keySet())
                .flatMap(java.util.Set::stream)
                .distinct()
                .map(Class::getSimpleName)
                .sorted()
                .toList();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static ValueInfoProto valueInfo(String name, int[] sampleShape) {
        boolean[] symbolic = new boolean[sampleShape.length];
        symbolic[0] = true;
        return valueInfo(name, sampleShape, symbolic);
    }

    /** A float tensor's type; the dimensions marked symbolic are named {@code batch}. */
    private static ValueInfoProto valueInfo(String name, int[] sampleShape, boolean[] symbolic) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < sampleShape.length; i++)
            shape.addDim(
                    symbolic[i]
                            ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                            : TensorShapeProto.Dimension.newBuilder().setDimValue(sampleShape[i]));
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(shape)))
                .build();
    }

    private static String version() {
        String v = OnnxExporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
