package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Test
    void softmaxAndLogSoftmaxMatchDoubleReference() {
        // narrower than a vector (the plain-loop path), and wider
        for (int cols : new int[] {3, 10, 21, 40}) {
            checkAgainstReference(cols);
        }
    }

    private static void checkAgainstReference(int cols) {
        int rows = 4;
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i * 0.7) * 5 + (i / cols == 3 ? 1000f : 0f); // last row: huge logits
        }
        float[] p = new float[x.length], lp = new float[x.length];
        Softmax.softmaxRows(x, p, rows, cols);
        Softmax.logSoftmaxRows(x, lp, rows, cols);
        for (int r = 0; r < rows; r++) {
            double m = Double.NEGATIVE_INFINITY, s = 0;
            for (int j = 0; j < cols; j++) {
                m = Math.max(m, x[r * cols + j]);
            }
            for (int j = 0; j < cols; j++) {
                s += Math.exp(x[r * cols + j] - m);
            }
            double rowSum = 0;
            for (int j = 0; j < cols; j++) {
                double want = x[r * cols + j] - m - Math.log(s);
                assertThat((double) lp[r * cols + j]).isCloseTo(want, within(1e-5));
                assertThat((double) p[r * cols + j]).isCloseTo(Math.exp(want), within(1e-6));
                rowSum += p[r * cols + j];
            }
            assertThat(rowSum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void inPlaceWorks() {
        float[] x = {1, 2, 3, 1, 1, 1};
        Softmax.softmaxRows(x, x, 2, 3);
        assertThat(x[3]).isCloseTo(1f / 3, within(1e-7f));
        assertThat(x[0] + x[1] + x[2]).isCloseTo(1f, within(1e-6f));
    }
}
