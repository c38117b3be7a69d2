package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batch-norm kernels: statistics against a double-precision reference, the same bits for 1 and 2 threads. */
class BatchNormKernelTest {
    private final int saved = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(saved);
    }

    @Test
    void statisticsMatchDoublePrecisionAndThreadsDoNotChangeBits() {
        int n = 16, c = 5, inner = 37;
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[n * c * inner], g = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 3 + 100); // a large mean: the two-pass variance keeps its digits
            g[i] = (float) r.nextGaussian();
        }
        float[][] results = new float[2][];
        for (int t = 1; t <= 2; t++) {
            Parallel.setThreads(t);
            float[] mean = new float[c],
                    var = new float[c],
                    invstd = new float[c],
                    gx = new float[x.length],
                    gw = new float[c],
                    gb = new float[c];
            BatchNormKernel.meanVar(x, n, c, inner, mean, var);
            for (int ch = 0; ch < c; ch++) {
                double s = 0, q = 0;
                for (int i = 0; i < n; i++) for (int j = 0; j < inner; j++) s += x[(i * c + ch) * inner + j];
                double m = s / (n * inner);
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < inner; j++) q += Math.pow(x[(i * c + ch) * inner + j] - m, 2);
                assertThat(mean[ch]).isCloseTo((float) m, within(1e-4f));
                assertThat((double) var[ch]).isCloseTo(q / (n * inner), within(1e-4 * q / (n * inner)));
                invstd[ch] = (float) (1 / Math.sqrt(var[ch] + 1e-5));
            }
            BatchNormKernel.backward(g, x, n, c, inner, mean, invstd, null, true, gx, gw, gb);
            float[] all = new float[gx.length + 4 * c];
            System.arraycopy(gx, 0, all, 0, gx.length);
            System.arraycopy(gw, 0, all, gx.length, c);
            System.arraycopy(gb, 0, all, gx.length + c, c);
            System.arraycopy(mean, 0, all, gx.length + 2 * c, c);
            System.arraycopy(var, 0, all, gx.length + 3 * c, c);
            results[t - 1] = all;
        }
        assertThat(results[1]).containsExactly(results[0]);
    }
}
