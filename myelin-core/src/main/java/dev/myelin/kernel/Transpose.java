package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorized out-of-place transpose for the small packs and copy-backs of the GEMM kernels:
 * contiguous vector loads along a source row, scattered down a destination column. On the
 * machines measured a scatter costs about as much as a plain store while a gather costs several
 * times more, and a scalar transpose ran at ~1 ns per element, a fifth of a narrow product's time.
 */
final class Transpose {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Blocks up to this many elements are copied by a scalar loop (~1 ns an element). */
    private static final int SCALAR_MAX = 1024;

    private Transpose() {}

    /**
     * dst[dOff + j·ldd + i] = src[sOff + i·lds + j] (or {@code +=} when {@code accumulate}) for
     * i &lt; rows, j &lt; cols.
     */
    static void transpose(
            float[] src, int sOff, int lds, int rows, int cols, float[] dst, int dOff, int ldd, boolean accumulate) {
        if ((long) rows * cols <= SCALAR_MAX) {
            // A small block in plain Java: it takes well under a microsecond, and the vector version of a
            // rarely used copy runs boxed (hundreds of times slower) until the JIT has compiled it.
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int o = dOff + j * ldd + i;
                    dst[o] = accumulate ? dst[o] + src[sOff + i * lds + j] : src[sOff + i * lds + j];
                }
            }
            return;
        }
        // Destination offsets down a column: all L lanes, and for the last partial block the valid
        // lanes with the rest pointing at the last valid one (the JDK checks masked-off indexes too).
        int tail = cols % L == 0 ? L : cols % L;
        int[] down = new int[L];
        int[] downTail = new int[L];
        for (int t = 0; t < L; t++) {
            down[t] = t * ldd;
            downTail[t] = Math.min(t, tail - 1) * ldd;
        }
        for (int i = 0; i < rows; i++) {
            int s = sOff + i * lds;
            for (int j = 0; j < cols; j += L) {
                int d = dOff + j * ldd + i;
                if (s + j + L > src.length) {
                    // A full vector would run past the array (the JDK's masked access is slow there).
                    for (int q = j; q < cols; q++) {
                        int o = dOff + q * ldd + i;
                        dst[o] = accumulate ? dst[o] + src[s + q] : src[s + q];
                    }
                    break;
                }
                VectorMask<Float> valid = S.indexInRange(j, cols);
                int[] map = j + L <= cols ? down : downTail;
                FloatVector v = FloatVector.fromArray(S, src, s + j, valid);
                if (accumulate) {
                    v = v.add(FloatVector.fromArray(S, dst, d, map, 0, valid));
                }
                v.intoArray(dst, d, map, 0, valid);
            }
        }
    }
}
