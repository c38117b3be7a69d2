package dev.myelin.data.preprocessing;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/** Shape checks shared by the scalers. */
final class Matrix {
    private Matrix() {}

    static void check2d(String op, Tensor x) {
        if (x.dim() != 2)
            throw new IllegalArgumentException(
                    op + ": expected a 2-D tensor [samples, features], got shape " + Arrays.toString(x.shape()));
    }

    static void checkFeatures(String op, Tensor x, int features) {
        check2d(op, x);
        if (x.size(1) != features)
            throw new IllegalArgumentException(
                    op + ": X has " + x.size(1) + " features, but the scaler was fitted on " + features);
    }

    static void checkFitted(String op, Object state) {
        if (state == null) throw new IllegalStateException(op + ": not fitted yet; call fit(X) first");
    }

    /** {@code x * scale[j] + shift[j]} per column j, computed in double. */
    static Tensor affine(Tensor x, double[] scale, double[] shift) {
        int n = x.size(0), f = x.size(1);
        float[] in = x.values(), out = new float[in.length];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < f; j++) out[i * f + j] = (float) (in[i * f + j] * scale[j] + shift[j]);
        return new Tensor(out, n, f);
    }

    static Tensor row(double[] v) {
        return Tensor.fromArray(v, v.length);
    }
}
