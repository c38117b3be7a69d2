package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GemmTest {

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Triple-loop reference in double; returns C and the bound sum |a||b| per element for tolerance. */
    private static void reference(
            boolean tA,
            boolean tB,
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc,
            boolean acc,
            double[] out,
            double[] mag) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = acc ? c[cOff + i * ldc + j] : 0;
                double g = Math.abs(s);
                for (int p = 0; p < k; p++) {
                    double av = tA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = tB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                    g += Math.abs(av * bv);
                }
                out[i * n + j] = s;
                mag[i * n + j] = g;
            }
        }
    }

    private static void checkCase(
            SplittableRandom rnd, boolean tA, boolean tB, int m, int n, int k, int pad, boolean acc) {
        int aRows = tA ? k : m, aCols = tA ? m : k;
        int bRows = tB ? n : k, bCols = tB ? k : n;
        int lda = aCols + pad, ldb = bCols + pad, ldc = n + pad;
        int aOff = pad * 3, bOff = pad * 5, cOff = pad * 7;
        float[] a = random(rnd, aOff + Math.max(0, aRows * lda) + pad);
        float[] b = random(rnd, bOff + Math.max(0, bRows * ldb) + pad);
        float[] c = random(rnd, cOff + Math.max(0, m * ldc) + pad);
        float[] c0 = c.clone();
        double[] want = new double[m * n];
        double[] mag = new double[m * n];
        reference(tA, tB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc, want, mag);
        Gemm.sgemm(tA, tB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
        String label = "tA=" + tA + " tB=" + tB + " m=" + m + " n=" + n + " k=" + k + " pad=" + pad + " acc=" + acc;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double tol = 1e-6 * (k + 2) * mag[i * n + j] + 1e-30;
                double got = c[cOff + i * ldc + j];
                if (Math.abs(got - want[i * n + j]) > tol) {
                    throw new AssertionError(label + ": C[" + i + "," + j + "] = " + got + ", want " + want[i * n + j]);
                }
            }
        }
        // Nothing outside the m×n window may change (padding columns, before/after the slice).
        for (int idx = 0; idx < c.length; idx++) {
            int rel = idx - cOff;
            boolean inside = rel >= 0 && rel < m * ldc && rel % ldc < n;
            if (!inside) {
                assertThat(c[idx]).as(label + " untouched C[" + idx + "]").isEqualTo(c0[idx]);
            }
        }
    }

    @Test
    void matchesReferenceForAllTransposesAndAwkwardSizes() {
        SplittableRandom rnd = new SplittableRandom(1);
        int[] sizes = {0, 1, 2, 3, 7, 13, 16, 17, 31, 33, 47};
        for (boolean tA : new boolean[] {false, true}) {
            for (boolean tB : new boolean[] {false, true}) {
                for (int m : sizes) {
                    for (int n : new int[] {0, 1, 5, 16, 31, 37}) {
                        for (int k : new int[] {0, 1, 3, 19, 64}) {
                            checkCase(rnd, tA, tB, m, n, k, (m + n + k) % 3, (m + k) % 2 == 0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void narrowProductsIntoExactlySizedArraysMatchReference() {
        // No padding after C: the last rows of a narrow C cannot take a full vector and are computed
        // by the scalar edge loop (the tiny regression's 100×1 output layer, a 10-class head).
        SplittableRandom rnd = new SplittableRandom(6);
        for (boolean tA : new boolean[] {false, true}) {
            for (boolean tB : new boolean[] {false, true}) {
                for (int m : new int[] {1, 3, 4, 100, 128}) {
                    for (int n : new int[] {1, 10, 17, 32}) {
                        for (int k : new int[] {1, 16, 100}) {
                            checkCase(rnd, tA, tB, m, n, k, 0, false);
                            checkCase(rnd, tA, tB, m, n, k, 0, true);
                        }
                    }
                }
            }
        }
    }

    @Test
    void narrowDotProductsMatchReference() {
        // C narrower than a vector with k of at least a vector: the dot-product kernel, with edge
        // tiles in m (not a multiple of 8) and n (odd), a k tail, padding and accumulation.
        SplittableRandom rnd = new SplittableRandom(7);
        for (boolean tB : new boolean[] {false, true}) {
            for (int m : new int[] {1, 7, 8, 9, 17, 128}) {
                for (int n : new int[] {1, 2, 3, 10, 15}) {
                    for (int k : new int[] {16, 32, 33, 47, 48, 100, 128}) {
                        checkCase(rnd, false, tB, m, n, k, (m + k) % 3, false);
                        checkCase(rnd, false, tB, m, n, k, (m + n) % 2, true);
                    }
                }
            }
        }
    }

    @Test
    void wideDirectProductsMatchReference() {
        // C of two or more vectors' width in the direct loop (few rows or a short k): the 8×2, 4×4
        // and 2×4 tiles, with leftover rows and columns after the full blocks.
        SplittableRandom rnd = new SplittableRandom(8);
        for (boolean tA : new boolean[] {false, true}) {
            for (boolean tB : new boolean[] {false, true}) {
                for (int m : new int[] {1, 2, 3, 5, 8, 10, 13, 17}) {
                    for (int n : new int[] {32, 33, 48, 64, 65, 80, 128, 130}) {
                        for (int k : new int[] {1, 10, 33}) {
                            checkCase(rnd, tA, tB, m, n, k, (m + k) % 3, false);
                            checkCase(rnd, tA, tB, m, n, k, 0, true);
                        }
                    }
                }
            }
        }
    }

    @Test
    void matchesReferenceOnPackedSizes() {
        // Big enough for the packed path, with edges in m, n and k (KC blocking) and padding; last column
        // panels one to four vectors wide (n = 100 and 33: three, 150: two, 80: one, 120: four).
        SplittableRandom rnd = new SplittableRandom(2);
        int[][] shapes = {
            {97, 131, 263},
            {128, 256, 300},
            {67, 71, 521},
            {8, 32, 4096},
            {200, 9, 300},
            {9, 200, 300},
            {257, 33, 129},
            {100, 80, 272},
            {70, 150, 530},
            {60, 100, 200},
            {60, 120, 200},
            {100, 28, 300},
            {260, 20, 700}
        }; // the last two with A transposed: narrow C, long k, computed as Cᵀ
        for (int[] s : shapes) {
            for (boolean tA : new boolean[] {false, true}) {
                for (boolean tB : new boolean[] {false, true}) {
                    for (boolean acc : new boolean[] {false, true}) {
                        checkCase(rnd, tA, tB, s[0], s[1], s[2], acc ? 3 : 0, acc);
                    }
                }
            }
        }
    }

    @Test
    void prepackedRightOperandMatchesSgemmBitForBitWhateverTheRowSplit() {
        // The recurrent products (h·W_hhᵀ, dG·W_hh), an uneven shape with partial panels, a B wider than one
        // NC block with k over two KC blocks, and a tiny one; rows computed in two calls split unevenly.
        SplittableRandom rnd = new SplittableRandom(9);
        int[][] shapes = {{128, 512, 128}, {128, 128, 512}, {13, 76, 19}, {7, 1100, 300}, {1, 5, 3}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (boolean tB : new boolean[] {false, true}) {
                for (boolean acc : new boolean[] {false, true}) {
                    int lda = k + 3, ldb = (tB ? k : n) + 2, ldc = n + 1, bOff = 4;
                    float[] a = random(rnd, m * lda);
                    float[] b = random(rnd, bOff + (tB ? n : k) * ldb);
                    float[] c = random(rnd, m * ldc);
                    PackedMatrix packed = Gemm.pack(tB, k, n, b, bOff, ldb);
                    float[] got = c.clone();
                    int split = m / 3;
                    Gemm.sgemm(split, a, 0, lda, packed, got, 0, ldc, acc);
                    Gemm.sgemm(m - split, a, split * lda, lda, packed, got, split * ldc, ldc, acc);
                    double[] want = new double[m * n];
                    double[] mag = new double[m * n];
                    reference(false, tB, m, n, k, a, 0, lda, b, bOff, ldb, c, 0, ldc, acc, want, mag);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            assertThat(Math.abs(got[i * ldc + j] - want[i * n + j]))
                                    .as("m=%d n=%d k=%d C[%d,%d]", m, n, k, i, j)
                                    .isLessThanOrEqualTo(1e-6 * (k + 2) * mag[i * n + j] + 1e-30);
                        }
                        assertThat(got[i * ldc + n]).as("padding column").isEqualTo(c[i * ldc + n]);
                    }
                    if ((long) m * n * k > Gemm.DIRECT_MAX_FLOPS
                            && n > Gemm.DIRECT_MAX_N) { // sgemm's packed path: the same bits
                        float[] whole = c.clone();
                        Gemm.sgemm(false, tB, m, n, k, a, 0, lda, b, bOff, ldb, whole, 0, ldc, acc);
                        assertArrayEquals(whole, got, "m=" + m + " n=" + n + " k=" + k + " tB=" + tB);
                    }
                }
            }
        }
        assertThatThrownBy(() -> Gemm.pack(false, 4, 5, new float[19], 0, 5)).hasMessageContaining("needs 20 elements");
    }

    @Test
    void zeroKOverwritesOrKeepsC() {
        float[] c = {1, 2, 3, 4, 5, 6};
        Gemm.sgemm(false, false, 2, 3, 0, new float[0], 0, 1, new float[0], 0, 3, c, 0, 3, true);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c);
        Gemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 1, new float[0], 0, 3, c, 0, 3, false);
        assertArrayEquals(new float[] {0, 0, 3, 0, 0, 6}, c);
    }

    @Test
    void resultsAreIdenticalAcrossThreadCounts() {
        SplittableRandom rnd = new SplittableRandom(3);
        // Packed path split by rows and by columns, and the direct path for narrow C, all layouts.
        int[][] shapes = {
            {301, 257, 300},
            {64, 517, 290},
            {1000, 40, 70},
            {1000, 10, 70},
            {333, 30, 500},
            {999, 5, 130},
            {1000, 32, 300},
            {997, 70, 200}
        };
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            for (boolean tA : new boolean[] {false, true}) {
                for (boolean tB : new boolean[] {false, true}) {
                    float[] a = random(rnd, m * k);
                    float[] b = random(rnd, k * n);
                    int lda = tA ? m : k, ldb = tB ? k : n;
                    float[][] out = new float[3][m * n];
                    float[] start = random(rnd, m * n);
                    boolean acc = (m + n) % 2 == 0;
                    for (int t = 1; t <= 3; t++) {
                        Parallel.setThreads(t);
                        System.arraycopy(start, 0, out[t - 1], 0, m * n);
                        Gemm.sgemm(tA, tB, m, n, k, a, 0, lda, b, 0, ldb, out[t - 1], 0, n, acc);
                    }
                    assertArrayEquals(out[0], out[1], "2 threads vs 1, shape " + m + "x" + n + "x" + k);
                    assertArrayEquals(out[0], out[2], "3 threads vs 1, shape " + m + "x" + n + "x" + k);
                }
            }
        }
    }

    @Test
    void batchedMatchesLoopOfSingleProductsWithBroadcast() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int[] s : new int[][] {{5, 7, 3}, {70, 90, 110}}) {
            int m = s[0], n = s[1], k = s[2], batch = 6;
            float[] a = random(rnd, 2 + batch * m * k);
            float[] b = random(rnd, 1 + k * n); // stride 0: one B for the whole batch
            float[] c = random(rnd, batch * m * n);
            float[] want = c.clone();
            for (int i = 0; i < batch; i++) {
                Gemm.sgemm(false, false, m, n, k, a, 2 + i * m * k, k, b, 1, n, want, i * m * n, n, true);
            }
            Gemm.sgemmBatched(
                    batch, false, false, m, n, k, a, 2, k, (long) m * k, b, 1, n, 0, c, 0, n, (long) m * n, true);
            assertArrayEquals(want, c);
        }
    }

    @Test
    void batchedTransposedVariantsMatchReference() {
        SplittableRandom rnd = new SplittableRandom(5);
        int m = 9, n = 11, k = 13, batch = 3;
        float[] a = random(rnd, batch * m * k);
        float[] b = random(rnd, batch * k * n);
        float[] c = new float[batch * m * n];
        Gemm.sgemmBatched(
                batch, true, true, m, n, k, a, 0, m, (long) m * k, b, 0, k, (long) k * n, c, 0, n, (long) m * n, false);
        double[] want = new double[m * n];
        double[] mag = new double[m * n];
        for (int i = 0; i < batch; i++) {
            reference(true, true, m, n, k, a, i * m * k, m, b, i * k * n, k, c, 0, n, false, want, mag);
            for (int e = 0; e < m * n; e++) {
                assertThat((double) c[i * m * n + e]).isCloseTo(want[e], org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    /**
     * A gathered product equals, bit for bit, the plain product of the explicitly gathered rows, on every path:
     * direct tiles (read in place, rows repeated and out of order), narrow dot products and packed (gathered
     * into a buffer first), with B as is or transposed, overwriting or accumulating, on 1 and 2 threads.
     */
    @Test
    void gatheredRowsGiveTheSameBitsAsAPlainProductOfTheGatheredRows() {
        SplittableRandom rnd = new SplittableRandom(17);
        int[][] shapes = {
            {32, 32, 784},
            {200, 32, 100},
            {37, 48, 19},
            {9, 10, 16},
            {13, 10, 80},
            {70, 150, 530},
            {5, 1, 3},
            {8, 64, 64},
            {3, 17, 0}
        };
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                for (boolean tB : new boolean[] {false, true}) {
                    for (boolean acc : new boolean[] {false, true}) {
                        int lda = k + 3;
                        int dataRows = m + 11;
                        float[] data = random(rnd, 5 + dataRows * lda);
                        int[] rows = new int[m + 4];
                        for (int i = 0; i < rows.length; i++) {
                            rows[i] = rnd.nextInt(dataRows); // repeats allowed
                        }
                        float[] gathered = new float[Math.max(1, m * lda)];
                        for (int i = 0; i < m; i++) {
                            System.arraycopy(data, 5 + rows[2 + i] * lda, gathered, i * lda, k);
                        }
                        float[] b = random(rnd, k * n + 1);
                        float[] c = random(rnd, m * n + 2);
                        float[] want = c.clone();
                        Gemm.sgemm(false, tB, m, n, k, gathered, 0, lda, b, 1, tB ? k : n, want, 2, n, acc);
                        Gemm.sgemmGathered(m, n, k, data, 5, lda, rows, 2, tB, b, 1, tB ? k : n, c, 2, n, acc);
                        assertArrayEquals(
                                want,
                                c,
                                0f,
                                "m=" + m + " n=" + n + " k=" + k + " tB=" + tB + " acc=" + acc + " threads=" + threads);
                    }
                }
            }
        }
    }

    @Test
    void gatheredRejectsRowsOutsideA() {
        float[] a = new float[12];
        float[] b = new float[6];
        float[] c = new float[4];
        assertThatThrownBy(
                        () -> Gemm.sgemmGathered(2, 2, 3, a, 0, 3, new int[] {0, 4}, 0, false, b, 0, 2, c, 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row index 4")
                .hasMessageContaining("rows[1]");
        assertThatThrownBy(() ->
                        Gemm.sgemmGathered(2, 2, 3, a, 0, 3, new int[] {0, -1}, 0, false, b, 0, 2, c, 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row index -1");
        assertThatThrownBy(() -> Gemm.sgemmGathered(2, 2, 3, a, 0, 3, new int[] {0}, 0, false, b, 0, 2, c, 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("past the end");
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[6];
        assertThatThrownBy(() -> Gemm.sgemm(false, false, -1, 2, 2, x, 0, 2, x, 0, 2, x, 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m=-1");
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 2, 2, 3, x, 0, 2, x, 0, 2, x, 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lda=2");
        float[] small = new float[5];
        assertThatThrownBy(() -> Gemm.sgemm(false, false, 3, 2, 2, x, 0, 2, x, 0, 2, small, 0, 2, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 6")
                .hasMessageContaining("has 5")
                .hasMessageContaining("C (3x2");
        assertThatThrownBy(() -> Gemm.sgemmBatched(2, false, false, 1, 1, 1, x, 0, 1, 1, x, 0, 1, 1, x, 0, 1, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strideC");
    }
}
