package dev.myelin.onnx;

import dev.myelin.onnx.proto.Onnx.AttributeProto;
import dev.myelin.onnx.proto.Onnx.NodeProto;
import dev.myelin.onnx.proto.Onnx.TensorProto;
import dev.myelin.tensor.Tensor;
import java.util.Map;

/**
 * One node of an imported graph: the node, the constants it may read (initializers and Constant nodes), and a
 * sample of the value flowing into it, from which shapes are read.
 */
record ImportStep(NodeProto node, Map<String, TensorProto> constants, Tensor in) {
    String describe() {
        return "node '" + node.getName() + "' (" + node.getOpType() + ")";
    }

    OnnxException unsupported(String what) {
        return new OnnxException("ONNX import: " + describe() + " " + what);
    }

    /** The constant at input {@code i} (a weight), or an error naming the node when it is missing or not constant. */
    TensorProto constant(int i) {
        if (i >= node.getInputCount() || node.getInput(i).isEmpty()) throw unsupported("lacks input " + i);
        TensorProto t = constants.get(node.getInput(i));
        if (t == null)
            throw unsupported("reads '" + node.getInput(i) + "' as input " + i
                    + ", which is not a constant (only weights may be)");
        return t;
    }

    boolean hasInput(int i) {
        return i < node.getInputCount() && !node.getInput(i).isEmpty();
    }

    Tensor weight(int i) {
        return OnnxTensors.toTensor(constant(i), describe());
    }

    AttributeProto attribute(String name) {
        for (AttributeProto a : node.getAttributeList()) if (a.getName().equals(name)) return a;
        return null;
    }

    long intAttr(String name, long fallback) {
        AttributeProto a = attribute(name);
        return a == null ? fallback : a.getI();
    }

    float floatAttr(String name, float fallback) {
        AttributeProto a = attribute(name);
        return a == null ? fallback : a.getF();
    }

    String stringAttr(String name, String fallback) {
        AttributeProto a = attribute(name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** An INTS attribute as ints, or {@code fallback} when absent. */
    int[] intsAttr(String name, int[] fallback) {
        AttributeProto a = attribute(name);
        if (a == null) return fallback;
        int[] v = new int[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            long x = a.getInts(i);
            if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE)
                throw unsupported("has " + name + " value " + x + " out of range");
            v[i] = (int) x;
        }
        return v;
    }

    int rank() {
        return in.shape().length;
    }
}
