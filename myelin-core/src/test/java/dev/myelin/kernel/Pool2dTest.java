package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pooling kernels: the 2×2 fast path equals the general loop, NaN and ties as PyTorch, the same bits for any thread count. */
class Pool2dTest {
    private final int saved = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(saved);
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** The same windows without the plain flag, so the general loop runs. */
    private static PoolAxis general(PoolAxis a) {
        return new PoolAxis(a.in(), a.first(), a.count(), a.step(), 0);
    }

    @Test
    void twoByTwoFastPathEqualsTheGeneralLoop() {
        int planes = 6, h = 9, w = 8;
        float[] x = random(planes * h * w, 1);
        x[3] = Float.NaN; // a NaN wins its window
        x[w + 6] = x[w + 7] = 5f; // a tie: the first in row-major order wins
        PoolAxis rows = PoolAxis.sliding(h, 2, 2, 0, 1, false), cols = PoolAxis.sliding(w, 2, 2, 0, 1, false);
        assertThat(rows.plain()).isEqualTo(2);
        assertThat(rows.out()).isEqualTo(4);
        float[] fast = new float[planes * 16], slow = new float[planes * 16];
        int[] fastIdx = new int[fast.length], slowIdx = new int[slow.length];
        Pool2d.maxForward(x, planes, rows, cols, fast, fastIdx);
        Pool2d.maxForward(x, planes, general(rows), general(cols), slow, slowIdx);
        assertThat(fast).containsExactly(slow);
        assertThat(fastIdx).containsExactly(slowIdx);
        float[] noIdx = new float[fast.length], noIdxGeneral = new float[fast.length]; // inference: no positions kept
        Pool2d.maxForward(x, planes, rows, cols, noIdx, null);
        Pool2d.maxForward(x, planes, general(rows), general(cols), noIdxGeneral, null);
        assertThat(noIdx).containsExactly(fast);
        assertThat(noIdxGeneral).containsExactly(fast);
        assertThat(fast[1]).isNaN();
        assertThat(fastIdx[1]).isEqualTo(3);
        assertThat(fastIdx[3]).isEqualTo(w + 6);
    }

    @Test
    void twoByTwoFastPathEqualsTheGeneralLoopForEveryWidth() {
        // widths around the vector length (outputs per step), odd sizes (a last row and column are dropped), and
        // values drawn from a few levels so that ties, zeros (as after ReLU), -0 and NaN are common
        float[] levels = {0f, -0f, 1f, 2f, -1f, Float.NaN, Float.POSITIVE_INFINITY};
        for (int w = 2; w <= 70; w += (w < 36 ? 1 : 17)) {
            for (int h : new int[] {2, 3, 6}) {
                int planes = 3;
                SplittableRandom r = new SplittableRandom(w * 31L + h);
                float[] x = new float[planes * h * w];
                for (int i = 0; i < x.length; i++) x[i] = levels[r.nextInt(r.nextInt(10) < 7 ? 5 : levels.length)];
                PoolAxis rows = PoolAxis.sliding(h, 2, 2, 0, 1, false), cols = PoolAxis.sliding(w, 2, 2, 0, 1, false);
                int n = planes * rows.out() * cols.out();
                float[] fast = new float[n], slow = new float[n];
                int[] fastIdx = new int[n], slowIdx = new int[n];
                Pool2d.maxForward(x, planes, rows, cols, fast, fastIdx);
                Pool2d.maxForward(x, planes, general(rows), general(cols), slow, slowIdx);
                assertThat(fast).as("h %d w %d", h, w).containsExactly(slow);
                assertThat(fastIdx).as("h %d w %d", h, w).containsExactly(slowIdx);
                float[] g = new float[n];
                for (int i = 0; i < n; i++) g[i] = (float) r.nextGaussian();
                float[] written = new float[x.length], scattered = new float[x.length];
                Pool2d.maxBackward2x2(g, fastIdx, planes, rows, cols, written);
                Pool2d.maxBackward(g, slowIdx, planes, h * w, rows.out() * cols.out(), scattered);
                assertThat(written).as("backward h %d w %d", h, w).containsExactly(scattered);
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        int planes = 64, h = 28, w = 28;
        PoolAxis rows = PoolAxis.sliding(h, 3, 2, 1, 1, true), cols = PoolAxis.sliding(w, 3, 2, 1, 1, true);
        float[] x = random(planes * h * w, 2), g = random(planes * rows.out() * cols.out(), 3);
        float[][] outs = new float[2][], grads = new float[2][];
        for (int t = 1; t <= 2; t++) {
            Parallel.setThreads(t);
            float[] out = new float[planes * rows.out() * cols.out()], gi = new float[x.length];
            int[] idx = new int[out.length];
            Pool2d.maxForward(x, planes, rows, cols, out, idx);
            Pool2d.maxBackward(g, idx, planes, h * w, rows.out() * cols.out(), gi);
            float[] divisor = new float[rows.out() * cols.out()];
            java.util.Arrays.fill(divisor, 9f);
            Pool2d.avgBackward(g, planes, rows, cols, divisor, gi);
            outs[t - 1] = out;
            grads[t - 1] = gi;
        }
        assertThat(outs[1]).containsExactly(outs[0]);
        assertThat(grads[1]).containsExactly(grads[0]);
    }

    @Test
    void windowsFollowPyTorch() {
        // ceil mode keeps a last window only if it starts inside the input or left padding
        assertThat(PoolAxis.slidingOut(6, 3, 2, 1, 1, true)).isEqualTo(4);
        assertThat(PoolAxis.slidingOut(5, 2, 2, 0, 1, true)).isEqualTo(3);
        assertThat(PoolAxis.slidingOut(5, 2, 2, 0, 1, false)).isEqualTo(2);
        assertThat(PoolAxis.slidingOut(1, 3, 1, 0, 1, false)).isLessThan(1);
        PoolAxis dilated = PoolAxis.sliding(7, 3, 1, 1, 2, false); // taps o−1, o+1, o+3
        assertThat(dilated.first()).containsExactly(1, 0, 1, 2, 3);
        assertThat(dilated.count()).containsExactly(2, 3, 3, 3, 2);
        PoolAxis adaptive = PoolAxis.adaptive(7, 3); // [0, 3), [2, 5), [4, 7)
        assertThat(adaptive.first()).containsExactly(0, 2, 4);
        assertThat(adaptive.count()).containsExactly(3, 3, 3);
    }
}
