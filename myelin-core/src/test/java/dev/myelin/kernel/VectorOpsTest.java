package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorOpsTest {

    private static final int[] SIZES = {0, 1, 5, 16, 17, 33, 100};

    private static float[] random(SplittableRandom rnd, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    @Test
    void binaryAndScalarOpsMatchScalarLoops() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n : SIZES) {
            float[] a = random(rnd, n + 3, 2), b = random(rnd, n + 2, 2);
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0f) {
                    b[i] = 1f;
                }
            }
            float[] out = new float[n + 1];
            VectorOps.add(a, 3, b, 2, out, 1, n);
            for (int i = 0; i < n; i++) {
                assertThat(out[1 + i]).isEqualTo(a[3 + i] + b[2 + i]);
            }
            VectorOps.sub(a, 3, b, 2, out, 1, n);
            for (int i = 0; i < n; i++) {
                assertThat(out[1 + i]).isEqualTo(a[3 + i] - b[2 + i]);
            }
            VectorOps.mul(a, 3, b, 2, out, 1, n);
            for (int i = 0; i < n; i++) {
                assertThat(out[1 + i]).isEqualTo(a[3 + i] * b[2 + i]);
            }
            VectorOps.div(a, 3, b, 2, out, 1, n);
            for (int i = 0; i < n; i++) {
                assertThat(out[1 + i]).isEqualTo(a[3 + i] / b[2 + i]);
            }
            VectorOps.addScalar(a, 3, 0.5f, out, 1, n);
            for (int i = 0; i < n; i++) {
                assertThat(out[1 + i]).isEqualTo(a[3 + i] + 0.5f);
            }
            VectorOps.mulScalar(a, 3, -3f, out, 1, n);
            for (int i = 0; i < n; i++) {
                assertThat(out[1 + i]).isEqualTo(a[3 + i] * -3f);
            }
            float[] y = b.clone();
            VectorOps.axpy(0.25f, a, 3, y, 2, n);
            for (int i = 0; i < n; i++) {
                assertThat(y[2 + i]).isCloseTo(b[2 + i] + 0.25f * a[3 + i], within(1e-6f));
            }
            assertThat(out[0]).isZero(); // untouched before the offset
            VectorOps.fill(out, 1, 7f, n);
            for (int i = 0; i < n; i++) {
                assertThat(out[1 + i]).isEqualTo(7f);
            }
        }
    }

    @Test
    void reductionsMatchDoubleSums() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int n : SIZES) {
            float[] a = random(rnd, n + 1, 1), b = random(rnd, n + 1, 1);
            double s = 0, d = 0, m = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                s += a[1 + i];
                d += (double) a[1 + i] * b[1 + i];
                m = Math.max(m, a[1 + i]);
            }
            assertThat((double) VectorOps.sum(a, 1, n)).isCloseTo(s, within(1e-5));
            assertThat((double) VectorOps.dot(a, 1, b, 1, n)).isCloseTo(d, within(1e-5));
            assertThat((double) VectorOps.max(a, 1, n)).isEqualTo(m);
        }
        assertThat(VectorOps.max(new float[] {1, Float.NaN, 2}, 0, 3)).isNaN();
    }

    @Test
    void activationsAreAccurate() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : SIZES) {
            float[] x = random(rnd, n, 20);
            float[] out = new float[n];
            VectorOps.exp(x, 0, out, 0, n);
            for (int i = 0; i < n; i++) {
                double want = Math.exp(x[i]);
                assertThat((double) out[i]).isCloseTo(want, within(2.0 * Math.ulp((float) want)));
            }
            VectorOps.tanh(x, 0, out, 0, n);
            for (int i = 0; i < n; i++) {
                double want = Math.tanh(x[i]);
                assertThat((double) out[i]).isCloseTo(want, within(2.0 * Math.ulp((float) want) + 1e-30));
            }
            VectorOps.sigmoid(x, 0, out, 0, n);
            for (int i = 0; i < n; i++) {
                double want = 1 / (1 + Math.exp(-x[i]));
                assertThat((double) out[i]).isCloseTo(want, within(3.0 * Math.ulp((float) want)));
            }
            VectorOps.relu(x, 0, out, 0, n);
            for (int i = 0; i < n; i++) {
                assertThat(out[i]).isEqualTo(Math.max(x[i], 0f));
            }
        }
        float[] big = {-200f, 200f, 0f};
        float[] out = new float[3];
        VectorOps.sigmoid(big, 0, out, 0, 3);
        assertThat(out).containsExactly(0f, 1f, 0.5f);
    }

    @Test
    void backwardHelpers() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int n : SIZES) {
            float[] x = random(rnd, n, 3), g = random(rnd, n, 1), gi = new float[n];
            VectorOps.reluBackward(x, 0, g, 0, gi, 0, n);
            for (int i = 0; i < n; i++) {
                assertThat(gi[i]).isEqualTo(x[i] > 0 ? g[i] : 0f);
            }
            float[] y = new float[n];
            VectorOps.sigmoid(x, 0, y, 0, n);
            VectorOps.sigmoidBackward(y, 0, g, 0, gi, 0, n);
            for (int i = 0; i < n; i++) {
                assertThat(gi[i]).isCloseTo(g[i] * y[i] * (1 - y[i]), within(1e-6f));
            }
            VectorOps.tanh(x, 0, y, 0, n);
            VectorOps.tanhBackward(y, 0, g, 0, gi, 0, n);
            for (int i = 0; i < n; i++) {
                assertThat(gi[i]).isCloseTo(g[i] * (1 - y[i] * y[i]), within(1e-6f));
            }
        }
    }

    @Test
    void biasRows() {
        SplittableRandom rnd = new SplittableRandom(5);
        int rows = 3, cols = 19;
        float[] x = random(rnd, rows * cols, 1), bias = random(rnd, cols, 1);
        float[] y = x.clone(), z = x.clone();
        VectorOps.biasAddRows(y, rows, cols, bias);
        VectorOps.biasReluRows(z, rows, cols, bias);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float want = x[r * cols + j] + bias[j];
                assertThat(y[r * cols + j]).isEqualTo(want);
                assertThat(z[r * cols + j]).isEqualTo(Math.max(want, 0f));
            }
        }
    }

    @Test
    void columnSumsAddEveryRowInOrder() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int cols : SIZES) {
            for (int rows : new int[] {0, 1, 3, 128}) {
                float[] x = random(rnd, rows * cols, 2);
                float[] out = random(rnd, cols, 5); // stale contents must be overwritten
                VectorOps.columnSums(x, rows, cols, out);
                for (int j = 0; j < cols; j++) {
                    float expected = 0f;
                    for (int r = 0; r < rows; r++) {
                        expected += x[r * cols + j];
                    }
                    assertThat(out[j]).isEqualTo(expected);
                }
            }
        }
        assertThat(sumsOf2x3()).containsExactly(5f, 7f, 9f);
    }

    @Test
    void fillRowsCopiesTheRowIntoEveryRow() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int cols : SIZES) {
            float[] row = random(rnd, cols, 3);
            float[] x = random(rnd, 5 * cols, 1);
            VectorOps.fillRows(x, 5, cols, row);
            for (int r = 0; r < 5; r++) {
                for (int j = 0; j < cols; j++) {
                    assertThat(x[r * cols + j]).isEqualTo(row[j]);
                }
            }
        }
    }

    @Test
    void columnSumsAndFillRowsOnSomeColumnsOfAWiderBuffer() {
        // the bias gradient and broadcast of a gate block inside a recurrent sequence's rows (leading dimension 5H)
        SplittableRandom rnd = new SplittableRandom(5);
        for (int cols : SIZES) {
            int ld = cols + 7, off = 3, rows = 9;
            float[] x = random(rnd, off + rows * ld, 2), before = x.clone();
            float[] out = random(rnd, cols + 2, 5);
            VectorOps.columnSums(x, off, ld, rows, cols, out, 2);
            for (int j = 0; j < cols; j++) {
                float expected = 0f;
                for (int r = 0; r < rows; r++) expected += x[off + r * ld + j];
                assertThat(out[2 + j]).isEqualTo(expected);
            }
            float[] row = random(rnd, cols, 3);
            VectorOps.fillRows(x, off, ld, rows, cols, row);
            for (int i = 0; i < x.length; i++) {
                int r = (i - off) / ld, j = (i - off) % ld;
                boolean inside = i >= off && r < rows && j < cols;
                assertThat(x[i]).isEqualTo(inside ? row[j] : before[i]);
            }
        }
        assertThatThrownBy(() -> VectorOps.fillRows(new float[20], 0, 5, 4, 6, new float[6]))
                .hasMessageContaining("leading dimension 5");
    }

    @Test
    void reductionsAndTranscendentalsFollowOneFixedFormula() {
        // Whatever the JIT has compiled so far, these must give the same bits: lane partial sums
        // added first lane to last, then the tail; exp, tanh and sigmoid exactly as Math computes them.
        SplittableRandom rnd = new SplittableRandom(5);
        int lanes = VectorOps.L;
        for (int n : new int[] {0, 1, lanes, 3 * lanes + 5, 1000}) {
            float[] a = random(rnd, n, 10);
            float[] partial = new float[lanes];
            int full = n / lanes * lanes;
            for (int i = 0; i < full; i++) {
                partial[i % lanes] += a[i];
            }
            float expected = 0f;
            for (float p : partial) {
                expected += p;
            }
            for (int i = full; i < n; i++) {
                expected += a[i];
            }
            assertThat(VectorOps.sum(a, 0, n)).isEqualTo(expected);
            float[] e = new float[n], t = new float[n], sg = new float[n];
            VectorOps.exp(a, 0, e, 0, n);
            VectorOps.tanh(a, 0, t, 0, n);
            VectorOps.sigmoid(a, 0, sg, 0, n);
            for (int i = 0; i < n; i++) {
                assertThat(e[i]).isEqualTo((float) Math.exp(a[i]));
                assertThat(t[i]).isEqualTo((float) Math.tanh(a[i]));
                assertThat(sg[i]).isEqualTo((float) (1.0 / (1.0 + Math.exp(-a[i]))));
            }
        }
    }

    private static float[] sumsOf2x3() {
        float[] out = new float[3];
        VectorOps.columnSums(new float[] {1, 2, 3, 4, 5, 6}, 2, 3, out);
        return out;
    }

    /** The pairwise lane maximum is the first-to-last Math.max, NaN, −∞ and signed zeros included. */
    @Test
    void maxLanesEqualsMathMaxFirstToLast() {
        if (!Simd.ENABLED) return;
        float[] specials = {Float.NaN, -0f, 0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -1f, 3f};
        SplittableRandom rnd = new SplittableRandom(7);
        int l = VectorOpsSimd.L;
        float[] lanes = new float[l];
        for (int trial = 0; trial < 2000; trial++) {
            float[] v = random(rnd, l, 5);
            for (int i = 0; i < l; i++) if (rnd.nextInt(3) == 0) v[i] = specials[rnd.nextInt(specials.length)];
            float expected = Float.NEGATIVE_INFINITY;
            for (float x : v) expected = Math.max(expected, x);
            float got =
                    VectorOpsSimd.maxLanes(jdk.incubator.vector.FloatVector.fromArray(VectorOpsSimd.S, v, 0), lanes);
            assertThat(Float.floatToRawIntBits(got))
                    .as("max of %s", java.util.Arrays.toString(v))
                    .isEqualTo(Float.floatToRawIntBits(expected));
        }
    }
}
