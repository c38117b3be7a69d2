package dev.myelin.onnx;

/**
 * A model that cannot be exported to ONNX (a module without an ONNX mapping, or a setting ONNX's operator lacks),
 * or an ONNX graph that cannot be imported (an unsupported operator or layout). The message names the module or
 * node and the operator.
 */
public class OnnxException extends IllegalArgumentException {
    /**
     * An export or import failure.
     *
     * @param message what cannot be exported or imported, naming the module or node and the operator
     */
    public OnnxException(String message) {
        super(message);
    }
}
