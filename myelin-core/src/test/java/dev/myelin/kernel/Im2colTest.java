package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Im2colTest {

    // {channels, height, width, kh, kw, strideH, strideW, padH, padW, dilH, dilW}
    private static final int[][] CASES = {
        {1, 5, 5, 3, 3, 1, 1, 0, 0, 1, 1},
        {3, 7, 6, 3, 3, 1, 1, 1, 1, 1, 1},
        {2, 9, 8, 3, 2, 2, 3, 1, 2, 1, 1},
        {2, 10, 11, 3, 3, 1, 2, 2, 1, 2, 3},
        {4, 4, 4, 1, 1, 1, 1, 0, 0, 1, 1},
        {1, 3, 3, 5, 5, 1, 1, 2, 2, 1, 1},
        {2, 6, 5, 2, 4, 3, 2, 0, 3, 1, 1},
    };

    private static float naive(float[] x, int[] g, int row, int oh, int ow) {
        int kh = g[3], kw = g[4];
        int c = row / (kh * kw), i = row / kw % kh, j = row % kw;
        int ih = oh * g[5] - g[7] + i * g[9];
        int iw = ow * g[6] - g[8] + j * g[10];
        if (ih < 0 || ih >= g[1] || iw < 0 || iw >= g[2]) {
            return 0f;
        }
        return x[1 + (c * g[1] + ih) * g[2] + iw];
    }

    @Test
    void im2colMatchesNaiveAndCol2imIsItsAdjoint() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int[] g : CASES) {
            int outH = Im2col.outSize(g[1], g[3], g[5], g[7], g[9]);
            int outW = Im2col.outSize(g[2], g[4], g[6], g[8], g[10]);
            int rows = g[0] * g[3] * g[4];
            float[] x = new float[1 + g[0] * g[1] * g[2]];
            for (int e = 0; e < x.length; e++) {
                x[e] = (float) rnd.nextDouble(-1, 1);
            }
            float[] col = new float[2 + rows * outH * outW];
            java.util.Arrays.fill(col, 99f); // must be fully overwritten (padding entries become 0)
            Im2col.im2col(x, 1, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], col, 2);
            for (int r = 0; r < rows; r++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        assertThat(col[2 + (r * outH + oh) * outW + ow])
                                .as("case %s", java.util.Arrays.toString(g))
                                .isEqualTo(naive(x, g, r, oh, ow));
                    }
                }
            }
            // <im2col(x), y> == <x, col2im(y)> for random y: col2im is exactly the transpose.
            float[] y = new float[col.length];
            for (int e = 2; e < y.length; e++) {
                y[e] = (float) rnd.nextDouble(-1, 1);
            }
            float[] back = new float[x.length];
            Im2col.col2im(y, 2, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], back, 1);
            double lhs = 0, rhs = 0;
            for (int e = 2; e < y.length; e++) {
                lhs += (double) col[e] * y[e];
            }
            for (int e = 1; e < x.length; e++) {
                rhs += (double) x[e] * back[e];
            }
            assertThat(rhs).as("adjoint %s", java.util.Arrays.toString(g)).isCloseTo(lhs, within(1e-4));
            assertThat(back[0]).isZero();
        }
    }

    @Test
    void col2imAccumulatesIntoExistingValues() {
        float[] col = {1, 1, 1, 1}; // 1 channel, 2x2 image, 1x1 kernel: identity layout
        float[] x = {10, 20, 30, 40};
        Im2col.col2im(col, 0, 1, 2, 2, 1, 1, 1, 1, 0, 0, 1, 1, x, 0);
        assertThat(x).containsExactly(11, 21, 31, 41);
    }

    @Test
    void outSizeFollowsPyTorchAndValidates() {
        assertThat(Im2col.outSize(28, 5, 1, 0, 1)).isEqualTo(24);
        assertThat(Im2col.outSize(28, 3, 2, 1, 1)).isEqualTo(14);
        assertThat(Im2col.outSize(10, 3, 1, 0, 2)).isEqualTo(6);
        assertThat(Im2col.outSize(2, 5, 1, 0, 1)).isZero();
        assertThatThrownBy(() -> Im2col.outSize(5, 3, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride=0");
        assertThatThrownBy(() -> Im2col.im2col(new float[3], 0, 1, 2, 2, 1, 1, 1, 1, 0, 0, 1, 1, new float[4], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("array has 3");
    }
}
