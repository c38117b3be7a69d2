package dev.myelin.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.myelin.autograd.NoGrad;
import dev.myelin.io.ModelFileException;
import dev.myelin.io.RegularFiles;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.onnx.proto.Onnx.GraphProto;
import dev.myelin.onnx.proto.Onnx.ModelProto;
import dev.myelin.onnx.proto.Onnx.NodeProto;
import dev.myelin.onnx.proto.Onnx.OperatorSetIdProto;
import dev.myelin.onnx.proto.Onnx.TensorProto;
import dev.myelin.onnx.proto.Onnx.TensorShapeProto;
import dev.myelin.onnx.proto.Onnx.ValueInfoProto;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ONNX model whose graph is a chain of layers, as {@code torch.onnx.export} writes it for an MLP or a small
 * convolutional network, into a {@link Sequential} of Myelin modules with the file's weights, in eval mode (ready
 * for inference, or for fine-tuning after {@code train()}). Each node must read the previous node's output (and
 * constants); the operators are those of {@link NodeImports}. A node with another operator, or a graph that is not a
 * chain, is an {@link OnnxException} naming the node and its operator.
 */
public final class OnnxImporter {
    /** protobuf cannot parse a message of 2 GiB or more; larger files are refused before reading. */
    static final long MAX_BYTES = Integer.MAX_VALUE;
    /** The most values the sample pass's input may hold (2 examples of 8M values: far beyond an MLP's or CNN's input). */
    static final long MAX_SAMPLE = 1 << 24;

    private OnnxImporter() {}

    /**
     * Loads an ONNX file; errors name the file. See {@link #fromModel(ModelProto)}.
     *
     * @param file the ONNX file, under 2 GiB (no external data)
     * @return the model as a {@link Sequential}, in eval mode
     * @throws ModelFileException if the file is not a regular file, too large, not an ONNX model, or has a graph
     *     that does not import (the message names the file and the node)
     * @throws IOException if the file cannot be read
     */
    public static Sequential read(Path file) throws IOException {
        RegularFiles.require(file, "ONNX file");
        long size = Files.size(file);
        if (size > MAX_BYTES)
            throw new ModelFileException(
                    file.toString(), "is " + size + " bytes; ONNX files over 2 GiB (external data) are not supported");
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFileException(file.toString(), "is not an ONNX model (protobuf: " + e.getMessage() + ")", e);
        }
        try {
            return fromModel(model);
        } catch (IllegalArgumentException e) { // OnnxException, or a size check's refusal
            throw new ModelFileException(file.toString(), e.getMessage(), e);
        }
    }

    /**
     * The Sequential equivalent to {@code model}'s graph.
     *
     * @param model a parsed ONNX model whose graph is a chain of supported operators, opset 7 or later
     * @return the layers with the model's weights, in eval mode
     * @throws OnnxException if the graph has no single data input and output, is not a chain, or uses an operator
     *     or attribute that does not import
     */
    public static Sequential fromModel(ModelProto model) {
        if (!model.hasGraph()) throw new OnnxException("ONNX import: the model has no graph");
        for (OperatorSetIdProto op : model.getOpsetImportList())
            if ((op.getDomain().isEmpty() || op.getDomain().equals("ai.onnx")) && (op.getVersion() < 7))
                throw new OnnxException(
                        "ONNX import: opset " + op.getVersion() + " is older than 7, which is not supported");
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> constants = new HashMap<>();
        for (TensorProto t : graph.getInitializerList()) constants.put(t.getName(), t);
        ValueInfoProto input = dataInput(graph, constants);
        if (graph.getOutputCount() != 1)
            throw new OnnxException(
                    "ONNX import: the graph has " + graph.getOutputCount() + " outputs; only one-output graphs import");

        String current = input.getName();
        Tensor sample = Tensor.zeros(sampleShape(input));
        List<Module> layers = new ArrayList<>();
        List<Tensor> layerInputs = new ArrayList<>();
        try (NoGrad ignored = NoGrad.enter()) {
            for (NodeProto node : graph.getNodeList()) {
                if (node.getOpType().equals("Constant") && node.getDomain().isEmpty()) {
                    ImportStep s = new ImportStep(node, constants, sample);
                    if (s.attribute("value") == null || node.getOutputCount() != 1)
                        throw s.unsupported("holds no tensor 'value'");
                    constants.put(node.getOutput(0), s.attribute("value").getT());
                    continue;
                }
                ImportStep step = new ImportStep(node, constants, sample);
                if (!node.getDomain().isEmpty() && !node.getDomain().equals("ai.onnx"))
                    throw step.unsupported("is in operator domain '" + node.getDomain() + "', which is not supported");
                if (node.getInputCount() == 0 || !node.getInput(0).equals(current))
                    throw step.unsupported("reads " + node.getInputList() + ", not the previous layer's output '"
                            + current + "': only chains of layers (a Sequential) import");
                for (int i = 1; i < node.getOutputCount(); i++)
                    if (!node.getOutput(i).isEmpty() && isRead(graph, node.getOutput(i)))
                        throw step.unsupported("has a second output '" + node.getOutput(i)
                                + "' that the graph uses; only one-output layers import");
                Module last = layers.isEmpty() ? null : layers.getLast();
                List<Module> next = NodeImports.toModules(step, layers);
                if (!layers.isEmpty()
                        && layers.getLast() != last) // the node was folded into the last layer (a bias Add)
                sample = layers.getLast().eval().forward(layerInputs.getLast());
                for (Module m : next) {
                    m.eval();
                    layerInputs.add(sample);
                    try {
                        sample = m.forward(sample);
                    } catch (IllegalArgumentException e) { // a shape that does not fit the layer the node became
                        throw step.unsupported("does not fit its input of shape " + Shapes.str(sample.shape()) + ": "
                                + e.getMessage());
                    }
                    layers.add(m);
                }
                current = node.getOutput(0);
            }
        }
        String output = graph.getOutput(0).getName();
        if (!output.equals(current))
            throw new OnnxException("ONNX import: the graph's output '" + output + "' is not the last layer's output '"
                    + current + "'");
        Sequential imported = new Sequential(layers);
        imported.eval();
        return imported;
    }

    private static boolean isRead(GraphProto graph, String value) {
        for (NodeProto n : graph.getNodeList()) if (n.getInputList().contains(value)) return true;
        for (ValueInfoProto o : graph.getOutputList()) if (o.getName().equals(value)) return true;
        return false;
    }

    /** The one graph input that is not an initializer (older exporters list the weights as inputs too). */
    private static ValueInfoProto dataInput(GraphProto graph, Map<String, TensorProto> constants) {
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(i -> !constants.containsKey(i.getName()))
                .toList();
        if (inputs.size() != 1)
            throw new OnnxException("ONNX import: the graph has " + inputs.size() + " data inputs "
                    + inputs.stream().map(ValueInfoProto::getName).toList() + "; only one-input graphs import");
        ValueInfoProto in = inputs.getFirst();
        if (!in.hasType() || !in.getType().hasTensorType())
            throw new OnnxException("ONNX import: input '" + in.getName() + "' is not a tensor");
        if (in.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE)
            throw new OnnxException("ONNX import: input '" + in.getName() + "' has element type "
                    + OnnxTensors.typeName(in.getType().getTensorType().getElemType()) + "; only FLOAT inputs import");
        return in;
    }

    /** A batch of 2 of the input's shape; every dimension but the batch must be fixed. */
    private static int[] sampleShape(ValueInfoProto input) {
        TensorShapeProto shape = input.getType().getTensorType().getShape();
        if (shape.getDimCount() == 0)
            throw new OnnxException("ONNX import: input '" + input.getName() + "' has no shape");
        int[] s = new int[shape.getDimCount()];
        s[0] = 2;
        for (int i = 1; i < s.length; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() <= 0 || d.getDimValue() > Integer.MAX_VALUE)
                throw new OnnxException("ONNX import: dimension " + i + " of input '" + input.getName()
                        + "' is not a fixed size (" + (d.hasDimParam() ? d.getDimParam() : d.getDimValue())
                        + "); only the batch dimension may vary");
            s[i] = (int) d.getDimValue();
        }
        // the sample pass allocates this (and each layer's output): refuse absurd declared sizes before allocating
        if ((long) Shapes.numel(s) > MAX_SAMPLE)
            throw new OnnxException("ONNX import: input '" + input.getName() + "' has shape " + Shapes.str(s)
                    + " (batch 2), more than " + MAX_SAMPLE + " values");
        return s;
    }
}
