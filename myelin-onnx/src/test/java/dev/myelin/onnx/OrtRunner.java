package dev.myelin.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.myelin.tensor.Tensor;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs an ONNX model in ONNX Runtime (which validates the graph when it loads it) on Myelin tensors. */
final class OrtRunner implements AutoCloseable {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    OrtRunner(byte[] model) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        // no graph rewrites: the check is of the operators as written, not of fused kernels
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        session = ENV.createSession(model, options);
    }

    /** The model's only output for {@code input} (fed as "input"). */
    Tensor run(Tensor input) throws OrtException {
        long[] shape = new long[input.shape().length];
        for (int i = 0; i < shape.length; i++) shape[i] = input.shape()[i];
        try (OnnxTensor x = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(input.toArray()), shape);
                OrtSession.Result r =
                        session.run(Map.of(session.getInputNames().iterator().next(), x))) {
            return toTensor((OnnxTensor) r.get(0));
        }
    }

    /** Every output of the model, in order, for the named inputs. */
    java.util.List<Tensor> run(Map<String, Tensor> inputs) throws OrtException {
        Map<String, OnnxTensor> feed = new java.util.HashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                int[] dims = e.getValue().shape();
                long[] shape = new long[dims.length];
                for (int i = 0; i < shape.length; i++) shape[i] = dims[i];
                feed.put(
                        e.getKey(),
                        OnnxTensor.createTensor(
                                ENV, FloatBuffer.wrap(e.getValue().toArray()), shape));
            }
            try (OrtSession.Result r = session.run(feed)) {
                java.util.List<Tensor> outs = new java.util.ArrayList<>();
                for (int k = 0; k < r.size(); k++) outs.add(toTensor((OnnxTensor) r.get(k)));
                return outs;
            }
        } finally {
            for (OnnxTensor t : feed.values()) t.close();
        }
    }

    private static Tensor toTensor(OnnxTensor out) throws OrtException {
        long[] s = out.getInfo().getShape();
        int[] dims = new int[s.length];
        for (int i = 0; i < s.length; i++) dims[i] = (int) s[i];
        FloatBuffer b = out.getFloatBuffer();
        float[] v = new float[b.remaining()];
        b.get(v);
        return Tensor.fromArray(v, dims);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
