package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gate nonlinearities: within a few ulp of the double-precision functions, and vector lanes equal to the scalar form bit for bit. */
class GateMathTest {

    @Test
    void sigmoidAndTanhAreAccurateAndTheVectorLoopEqualsTheScalarForm() {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 100_003; // not a multiple of the vector length: the tail runs the scalar form
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextDouble(-1, 1) * (i % 3 == 0 ? 100 : i % 3 == 1 ? 6 : 0.7));
        x[0] = 0f;
        x[1] = -0f;
        x[2] = 1e-30f;
        x[3] = 200f;
        x[4] = -200f;
        float[] s = x.clone(), t = x.clone();
        GateMath.sigmoid(s, 0, n);
        GateMath.tanh(t, 0, n);
        double worstSigmoid = 0, worstTanh = 0;
        for (int i = 0; i < n; i++) {
            assertThat(s[i]).as("sigmoid lane vs scalar at %s", x[i]).isEqualTo(GateMath.sigmoid(x[i]));
            assertThat(t[i]).as("tanh lane vs scalar at %s", x[i]).isEqualTo(GateMath.tanh(x[i]));
            double es = 1 / (1 + Math.exp(-x[i])), et = Math.tanh(x[i]);
            if (es >= 1e-30)
                worstSigmoid = Math.max(worstSigmoid, Math.abs(s[i] - es) / es); // below, exp's clamp gives ~1e-38
            worstTanh = Math.max(worstTanh, Math.abs(t[i] - et) / Math.max(Math.abs(et), Float.MIN_NORMAL));
        }
        assertThat(worstSigmoid).as("sigmoid relative error").isLessThan(3e-7);
        assertThat(worstTanh).as("tanh relative error").isLessThan(3e-7);
        assertThat(s[3]).isEqualTo(1f);
        assertThat(s[4]).isLessThan(1e-37f);
        assertThat(t[3]).isEqualTo(1f);
        assertThat(t[4]).isEqualTo(-1f);
        assertThat(t[2]).isEqualTo(1e-30f);
        assertThat(s[0]).isEqualTo(0.5f);
    }

    @Test
    void flushZeroesOnlyGradientsBelowTiny() {
        float[] x = {
            0x1p-101f, -0x1p-101f, Float.MIN_VALUE, -Float.MIN_NORMAL, 0x1p-100f, -0x1p-100f, 1e-20f, -3f, 0f, Float.NaN
        };
        float[] want = {0f, 0f, 0f, 0f, 0x1p-100f, -0x1p-100f, 1e-20f, -3f, 0f, Float.NaN};
        for (int n : new int[] {x.length, 37}) { // the vector loop and the scalar tail
            float[] a = new float[n], b = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = x[i % x.length];
                b[i] = want[i % x.length];
            }
            float[] scalar = a.clone();
            GateMath.flush(a, 0, n);
            for (int i = 0; i < n; i++) scalar[i] = GateMath.flush(scalar[i]);
            assertThat(a).isEqualTo(b);
            assertThat(scalar).isEqualTo(b);
        }
    }
}
