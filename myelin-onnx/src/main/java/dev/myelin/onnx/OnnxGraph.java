package dev.myelin.onnx;

import dev.myelin.onnx.proto.Onnx.AttributeProto;
import dev.myelin.onnx.proto.Onnx.GraphProto;
import dev.myelin.onnx.proto.Onnx.NodeProto;
import dev.myelin.onnx.proto.Onnx.TensorProto;
import dev.myelin.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The graph an export builds: nodes in order, initializers (the weights, under their state-dict names), and fresh
 * value names. Layer exports add nodes through it and never see the protobuf builders' bookkeeping.
 */
final class OnnxGraph {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    private int counter;

    /** A value name not used yet, from {@code hint} ("model.0" gives "model.0", then "model.0_1", ...). */
    String fresh(String hint) {
        String base = hint == null || hint.isEmpty() ? "v" : hint, name = base;
        while (!names.add(name)) name = base + "_" + (++counter);
        return name;
    }

    /** Adds a float initializer (a weight) under a fresh name from {@code hint}; returns its name. */
    String weight(String hint, Tensor t) {
        String name = fresh(hint);
        graph.addInitializer(OnnxTensors.floats(name, t));
        return name;
    }

    /** Adds an int64 initializer (a shape, axes, an index); {@code dims} empty makes a scalar. */
    String longs(String hint, long[] values, int... dims) {
        String name = fresh(hint);
        graph.addInitializer(OnnxTensors.longs(name, values, dims));
        return name;
    }

    /** A float scalar (rank 0) constant, for elementwise arithmetic and Clip's bounds. */
    String scalarConstant(float value) {
        String name = fresh("const_" + value);
        TensorProto t = OnnxTensors.floats(name, Tensor.fromArray(new float[] {value})).toBuilder()
                .clearDims()
                .build();
        graph.addInitializer(t);
        return name;
    }

    /** Adds a node {@code op(inputs) -> one fresh output}; returns the output's name. */
    String node(String op, String outputHint, List<String> inputs, AttributeProto... attributes) {
        String out = fresh(outputHint);
        NodeProto.Builder n = NodeProto.newBuilder()
                .setOpType(op)
                .setName(fresh("/" + outputHint + "/" + op))
                .addOutput(out);
        inputs.forEach(n::addInput);
        for (AttributeProto a : attributes) n.addAttribute(a);
        graph.addNode(n);
        return out;
    }

    /** Adds a node with {@code outputs} fresh outputs (an LSTM's Y, Y_h, Y_c); returns their names. */
    List<String> nodeOutputs(
            String op, String outputHint, List<String> inputs, int outputs, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(fresh("/" + outputHint + "/" + op));
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            names.add(fresh(outputHint + "_" + i));
            n.addOutput(names.getLast());
        }
        inputs.forEach(n::addInput);
        for (AttributeProto a : attributes) n.addAttribute(a);
        graph.addNode(n);
        return names;
    }

    String node(String op, String outputHint, String input, AttributeProto... attributes) {
        return node(op, outputHint, List.of(input), attributes);
    }

    GraphProto.Builder builder() {
        return graph;
    }

    static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value))
                .build();
    }

    static AttributeProto ints(String name, int... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (int v : values) a.addInts(v);
        return a.build();
    }

    static AttributeProto strings(String name, String... values) {
        AttributeProto.Builder a =
                AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        for (String v : values) a.addStrings(com.google.protobuf.ByteString.copyFromUtf8(v));
        return a.build();
    }

    static AttributeProto floats(String name, float... values) {
        AttributeProto.Builder a =
                AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) a.addFloats(v);
        return a.build();
    }

    static AttributeProto tensor(String name, TensorProto t) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.TENSOR)
                .setT(t)
                .build();
    }
}
