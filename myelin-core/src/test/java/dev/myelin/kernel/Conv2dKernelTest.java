package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conv2dKernel against direct loops of the definition, and bit-identical results for a given thread count. */
class Conv2dKernelTest {
    private final int threads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threads);
    }

    private static final ConvGeometry[] GEOMETRIES = {
        ConvGeometry.of(3, 2, 6, 5, 4, 3, 3, 1, 1, 0, 0, 1, 1, 1),
        ConvGeometry.of(5, 4, 7, 8, 6, 3, 2, 2, 1, 1, 2, 1, 2, 2),
        ConvGeometry.of(4, 3, 5, 5, 6, 3, 3, 2, 2, 1, 1, 1, 1, 3), // depthwise x2
        ConvGeometry.of(6, 5, 4, 3, 7, 1, 1, 1, 1, 0, 0, 1, 1, 1), // pointwise
        ConvGeometry.of(9, 8, 14, 14, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1), // enough images to split over threads
        // stride 1 (ShiftedConv): dilation and groups, a 5x5 "same", padding past dil*(k-1) (its input gradient
        // unfolds instead), a 1-D kernel with dilation and one-sided padding
        ConvGeometry.of(2, 16, 9, 7, 16, 3, 3, 1, 1, 2, 1, 2, 1, 2),
        ConvGeometry.of(3, 8, 10, 10, 8, 5, 5, 1, 1, 2, 2, 1, 1, 1),
        ConvGeometry.of(2, 8, 6, 6, 8, 3, 3, 1, 1, 3, 3, 1, 1, 1),
        ConvGeometry.of(2, 8, 1, 12, 8, 1, 4, 1, 1, 0, 1, 1, 2, 1),
        ConvGeometry.of(
                3, 1, 12, 12, 6, 5, 5, 1, 1, 2, 2, 1, 1,
                1), // small weight, many positions: dot-product weight gradient,
        // weight gradients turned round (dWᵀ = col·dYᵀ, weights too large for dot products): cnn's second layer's
        // channels, and groups with a partial row panel (63 taps), a partial column panel (100 channels) and 280
        // positions (more than one KC block)
        ConvGeometry.of(2, 32, 8, 8, 64, 3, 3, 1, 1, 1, 1, 1, 1, 1),
        ConvGeometry.of(2, 14, 20, 12, 200, 3, 3, 1, 1, 1, 1, 1, 1, 2),
        // forward (48 channels) and input gradient (24, 12-row tiles) turned round, 117 positions
        ConvGeometry.of(2, 24, 9, 11, 48, 3, 3, 1, 1, 1, 1, 1, 1, 1),
        // one vector of output channels (12 of 16 lanes): 24-row forward tiles, 8-row weight-gradient tiles
        ConvGeometry.of(2, 5, 7, 9, 12, 3, 3, 1, 1, 1, 1, 1, 1, 1),
    };

    /** y[n, o, a, b] = Σ_c,i,j w[o, c, i, j]·x[n, g·C/G + c, a·s − p + i·d, b·s − p + j·d] (the definition). */
    private static double[] naiveForward(ConvGeometry g, float[] x, float[] w) {
        double[] y = new double[g.batch() * g.outImage()];
        int cg = g.groupChannels(), og = g.groupOutChannels();
        for (int n = 0; n < g.batch(); n++)
            for (int o = 0; o < g.outChannels(); o++)
                for (int a = 0; a < g.outH(); a++)
                    for (int b = 0; b < g.outW(); b++) {
                        double s = 0;
                        for (int c = 0; c < cg; c++)
                            for (int i = 0; i < g.kh(); i++)
                                for (int j = 0; j < g.kw(); j++) {
                                    int h = a * g.strideH() - g.padH() + i * g.dilH(),
                                            v = b * g.strideW() - g.padW() + j * g.dilW();
                                    if (h < 0 || h >= g.height() || v < 0 || v >= g.width()) continue;
                                    int ch = o / og * cg + c;
                                    s += (double) w[((o * cg + c) * g.kh() + i) * g.kw() + j]
                                            * x[((n * g.channels() + ch) * g.height() + h) * g.width() + v];
                                }
                        y[((n * g.outChannels() + o) * g.outH() + a) * g.outW() + b] = s;
                    }
        return y;
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble(-1, 1);
        return a;
    }

    private static double dot(float[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void forwardAndBothBackwardsMatchTheDefinition() {
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(g.batch() * g.inImage(), 1),
                    w = random(g.weightSize(), 2),
                    b = random(g.outChannels(), 3);
            float[] y = new float[g.batch() * g.outImage()];
            Conv2dKernel.forward(g, x, w, b, y);
            double[] ref = naiveForward(g, x, w);
            int plane = g.outPlane();
            for (int i = 0; i < y.length; i++)
                assertThat((double) y[i])
                        .as("%s y[%d]", g, i)
                        .isCloseTo(ref[i] + b[i / plane % g.outChannels()], org.assertj.core.data.Offset.offset(1e-4));
            // Backward passes are adjoints: <dy, conv(x, w)> = <dx, x> = <dw, w> for the linear maps x -> y and w -> y.
            float[] dy = random(y.length, 4),
                    dx = new float[x.length],
                    dw = new float[w.length],
                    db = new float[b.length];
            Conv2dKernel.backwardInput(g, dy, w, dx);
            Conv2dKernel.backwardWeight(g, x, dy, dw);
            Conv2dKernel.backwardBias(g.batch(), g.outChannels(), plane, dy, db);
            double dyY = 0, dbSum = 0;
            for (int i = 0; i < ref.length; i++) dyY += dy[i] * ref[i];
            for (int i = 0; i < ref.length; i++) dbSum += dy[i] * b[i / plane % g.outChannels()];
            double[] xd = new double[x.length], wd = new double[w.length], bd = new double[b.length];
            for (int i = 0; i < x.length; i++) xd[i] = x[i];
            for (int i = 0; i < w.length; i++) wd[i] = w[i];
            for (int i = 0; i < b.length; i++) bd[i] = b[i];
            assertThat(dot(dx, xd)).as("%s <dx, x>", g).isCloseTo(dyY, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(dot(dw, wd)).as("%s <dw, w>", g).isCloseTo(dyY, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(dot(db, bd)).as("%s <db, b>", g).isCloseTo(dbSum, org.assertj.core.data.Offset.offset(1e-3));
            // and elementwise: dw[k] is <dy, conv(x, e_k)>
            for (int k = 0; k < w.length; k += Math.max(1, w.length / 7)) {
                float[] e = new float[w.length];
                e[k] = 1;
                assertThat((double) dw[k])
                        .isCloseTo(dot(dy, naiveForward(g, x, e)), org.assertj.core.data.Offset.offset(1e-4));
            }
            for (int k = 0; k < x.length; k += Math.max(1, x.length / 11)) {
                float[] e = new float[x.length];
                e[k] = 1;
                assertThat((double) dx[k])
                        .isCloseTo(dot(dy, naiveForward(g, e, w)), org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    @Test
    void repeatedRunsAreBitIdenticalForAThreadCount() {
        for (int t : new int[] {1, 3}) {
            Parallel.setThreads(t);
            for (ConvGeometry g : GEOMETRIES) {
                float[] x = random(g.batch() * g.inImage(), 5),
                        w = random(g.weightSize(), 6),
                        dy = random(g.batch() * g.outImage(), 7);
                float[][] runs = new float[3][];
                for (int r = 0; r < 3; r++) {
                    int run = r;
                    float[] y = new float[dy.length], dx = new float[x.length], dw = new float[w.length];
                    Runnable passes = () -> {
                        Conv2dKernel.forward(g, x, w, null, y);
                        Conv2dKernel.backwardInput(g, dy, w, dx);
                        Conv2dKernel.backwardWeight(g, x, dy, dw);
                    };
                    if (run < 2) {
                        passes.run();
                    } else { // from inside a pool chunk every parallel loop runs inline: the same blocks, the same bits
                        Parallel.forRange(2, 1, (from, to) -> {
                            if (from == 0) passes.run();
                        });
                    }
                    float[] all = new float[y.length + dx.length + dw.length];
                    System.arraycopy(y, 0, all, 0, y.length);
                    System.arraycopy(dx, 0, all, y.length, dx.length);
                    System.arraycopy(dw, 0, all, y.length + dx.length, dw.length);
                    runs[r] = all;
                }
                assertThat(runs[1]).as("%s with %d threads", g, t).containsExactly(runs[0]);
                assertThat(runs[2]).as("%s inline with %d threads", g, t).containsExactly(runs[0]);
            }
        }
    }

    @Test
    void badGeometryAndArraysAreRejected() {
        assertThatThrownBy(() -> ConvGeometry.of(1, 3, 5, 5, 4, 3, 3, 1, 1, 0, 0, 1, 1, 2))
                .hasMessageContaining("groups=2")
                .hasMessageContaining("dividing");
        assertThatThrownBy(() -> ConvGeometry.of(1, 2, 5, 5, 4, 3, 3, 0, 1, 0, 0, 1, 1, 1))
                .hasMessageContaining("stride=0");
        ConvGeometry g = GEOMETRIES[0];
        assertThatThrownBy(() -> Conv2dKernel.forward(
                        g, new float[3], new float[g.weightSize()], null, new float[g.batch() * g.outImage()]))
                .hasMessageContaining("input array has 3 elements");
    }
}
