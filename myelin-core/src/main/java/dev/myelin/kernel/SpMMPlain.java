package dev.myelin.kernel;

/**
 * Plain-Java twin of {@link SpMM} for a JVM without the Vector API module (see {@link Simd}): the same CSR products,
 * each output element summed over its row's entries in order (the SIMD kernel's order, so the same bits), and the
 * same split of rows by entries over {@link Parallel}.
 */
public final class SpMMPlain {

    private static final int MIN_ENTRIES = 4096;

    private SpMMPlain() {}

    /** As {@link SpMM#csrTimesDense}. */
    public static void csrTimesDense(
            int rows, int[] rowPtr, int[] col, int[] edge, float[] values, float[] b, int f, float[] c) {
        forRowsByEntries(rows, rowPtr, (from, to) -> {
            for (int r = from; r < to; r++) {
                int start = rowPtr[r], end = rowPtr[r + 1], out = r * f;
                for (int j = 0; j < f; j++) {
                    float s = 0;
                    for (int p = start; p < end; p++) {
                        float w = values == null ? 1f : values[edge == null ? p : edge[p]];
                        s = Math.fma(b[col[p] * f + j], w, s);
                    }
                    c[out + j] = s;
                }
            }
        });
    }

    /** As {@link SpMM#entryGradients}. */
    public static void entryGradients(
            int rows, int[] rowPtr, int[] col, int[] edge, float[] g, float[] b, int f, float[] grad) {
        forRowsByEntries(rows, rowPtr, (from, to) -> {
            for (int r = from; r < to; r++)
                for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++)
                    grad[edge == null ? p : edge[p]] = VectorOpsPlain.dot(g, r * f, b, col[p] * f, f);
        });
    }

    /** As {@link SpMM#csrMax}. */
    public static void csrMax(int rows, int[] rowPtr, int[] col, float[] b, int f, float[] c, int[] argmax) {
        forRowsByEntries(rows, rowPtr, (from, to) -> {
            for (int r = from; r < to; r++) {
                int start = rowPtr[r], end = rowPtr[r + 1], out = r * f;
                for (int j = 0; j < f; j++) {
                    if (start == end) {
                        c[out + j] = 0;
                        argmax[out + j] = -1;
                        continue;
                    }
                    float best = b[col[start] * f + j];
                    int at = col[start];
                    for (int p = start + 1; p < end && !Float.isNaN(best); p++) {
                        float v = b[col[p] * f + j];
                        if (v > best || Float.isNaN(v)) {
                            best = v;
                            at = col[p];
                        }
                    }
                    c[out + j] = best;
                    argmax[out + j] = at;
                }
            }
        });
    }

    /** Rows split into chunks of about equal entry counts (as SpMM's split). */
    private static void forRowsByEntries(int rows, int[] rowPtr, Parallel.RangeBody body) {
        long nnz = rowPtr[rows];
        int chunks = (int) Math.min(Math.max(1, nnz / MIN_ENTRIES), 4L * Parallel.threads());
        chunks = Math.max(1, Math.min(chunks, rows));
        if (chunks == 1) {
            body.run(0, rows);
            return;
        }
        int[] cuts = new int[chunks + 1];
        for (int i = 1; i < chunks; i++) {
            long target = nnz * i / chunks;
            int lo = 0, hi = rows;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (rowPtr[mid] < target) lo = mid + 1;
                else hi = mid;
            }
            cuts[i] = lo;
        }
        cuts[chunks] = rows;
        int n = chunks;
        Parallel.forChunks(n, n, (from, to) -> {
            for (int i = from; i < to; i++) body.run(cuts[i], cuts[i + 1]);
        });
    }
}
