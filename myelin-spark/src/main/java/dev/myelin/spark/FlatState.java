package dev.myelin.spark;

import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A module's state dict (parameters and buffers, in its order) or its parameters' gradients as one float array:
 * the form weights and gradients travel in between the driver and the tasks.
 */
final class FlatState {
    private FlatState() {}

    static float[] weights(Module m) {
        Map<String, Tensor> state = m.stateDict();
        int n = 0;
        for (Tensor t : state.values()) n += t.numel();
        float[] out = new float[n];
        int at = 0;
        for (Tensor t : state.values()) {
            float[] v = t.contiguous().data();
            System.arraycopy(v, 0, out, at, t.numel());
            at += t.numel();
        }
        return out;
    }

    static void setWeights(Module m, float[] flat) {
        Map<String, Tensor> state = m.stateDict(), loaded = new LinkedHashMap<>();
        int at = 0;
        for (var e : state.entrySet()) {
            int n = e.getValue().numel();
            if (at + n > flat.length)
                throw new IllegalArgumentException("the weights hold " + flat.length + " values, the model needs more");
            float[] v = new float[n];
            System.arraycopy(flat, at, v, 0, n);
            loaded.put(e.getKey(), new Tensor(v, e.getValue().shape()));
            at += n;
        }
        if (at != flat.length)
            throw new IllegalArgumentException("the weights hold " + flat.length + " values, the model " + at);
        m.loadStateDict(loaded);
    }

    static int gradientSize(Module m) {
        int n = 0;
        for (Parameter p : m.parameters()) n += p.numel();
        return n;
    }

    /** Adds every parameter's gradient (zero where it has none) into {@code dst}. */
    static void addGradients(Module m, float[] dst) {
        int at = 0;
        for (Parameter p : m.parameters()) {
            Tensor g = p.grad();
            if (g != null) {
                float[] v = g.contiguous().data();
                for (int i = 0; i < p.numel(); i++) dst[at + i] += v[i];
            }
            at += p.numel();
        }
    }

    /** Sets every parameter's gradient to {@code scale} times its slice of {@code flat}. */
    static void setGradients(Module m, float[] flat, float scale) {
        int at = 0;
        List<Parameter> ps = m.parameters();
        for (Parameter p : ps) {
            float[] v = new float[p.numel()];
            for (int i = 0; i < v.length; i++) v[i] = flat[at + i] * scale;
            p.setGrad(new Tensor(v, p.shape()));
            at += v.length;
        }
    }
}
