package dev.myelin.onnx;

import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;

/**
 * One module's export: the module, its state-dict prefix ({@code "model.0"}, empty for the root), the ONNX value
 * it reads, and a sample of its input and output (a forward pass on a small batch), from which shapes and ranks
 * are read.
 */
record ExportStep(Module module, String path, String input, Tensor in, Tensor out, OnnxGraph graph) {
    /** The state-dict name of one of this module's tensors, e.g. {@code "model.0.weight"}. */
    String name(String local) {
        return path.isEmpty() ? local : path + "." + local;
    }

    /** A hint for this module's output value names. */
    String hint() {
        return path.isEmpty() ? module.typeName() : path;
    }

    /** The module as the error messages name it: its path and type. */
    String describe() {
        return "module '" + (path.isEmpty() ? "(root)" : path) + "' (" + module.typeName() + ")";
    }

    OnnxException unsupported(String what) {
        return new OnnxException("ONNX export: " + describe() + " " + what);
    }

    /** Adds {@code op(inputs)} without attributes; returns its output. */
    String op(String op, String... inputs) {
        return graph.node(op, hint(), java.util.List.of(inputs));
    }

    /** Adds {@code op(input)} with attributes; returns its output. */
    String node(String op, String input, dev.myelin.onnx.proto.Onnx.AttributeProto... attributes) {
        return graph.node(op, hint(), java.util.List.of(input), attributes);
    }

    /** An axis of the input as ONNX takes it (non-negative), from a PyTorch dim that may be negative. */
    int axis(int dim) {
        int rank = in.shape().length;
        return dim < 0 ? dim + rank : dim;
    }
}
