package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sparse (CSR) × dense products for graph layers: C[r, :] = Σₚ w(p)·B[col[p], :] over the entries p of row r.
 * An entry's weight is {@code values[edge[p]]} (edge: the entry's position in the caller's COO order, null for
 * the identity), or 1 when values is null, so one CSR structure serves every set of edge weights without
 * reordering them.
 *
 * <p>Rows are split over {@link Parallel} in chunks of about equal numbers of entries; each row is written by one
 * chunk only, in entry order, so there are no atomics and the result does not depend on the thread count. The
 * backward of a product with respect to B is the same kernel on the transposed structure (a CSR of Aᵀ, built
 * once per graph), so it is parallel and deterministic too.
 */
public final class SpMM {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Entries per chunk at least: below that, waking the pool costs more than the work. */
    private static final int MIN_ENTRIES = 4096;

    private SpMM() {}

    /**
     * C = A·B for A in CSR ({@code rows} rows, {@code rowPtr} of length rows + 1, column indices {@code col}),
     * B row-major [*, f], C row-major [rows, f] (overwritten).
     */
    public static void csrTimesDense(
            int rows, int[] rowPtr, int[] col, int[] edge, float[] values, float[] b, int f, float[] c) {
        forRowsByEntries(rows, rowPtr, (from, to) -> {
            for (int r = from; r < to; r++) row(r, rowPtr, col, edge, values, b, f, c);
        });
    }

    /** One output row: four vector accumulators at a time, so each entry's weight is broadcast once per 4·L columns. */
    private static void row(int r, int[] rowPtr, int[] col, int[] edge, float[] values, float[] b, int f, float[] c) {
        int start = rowPtr[r], end = rowPtr[r + 1], out = r * f, j = 0;
        for (; j + 4 * L <= f; j += 4 * L) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            for (int p = start; p < end; p++) {
                FloatVector w = FloatVector.broadcast(S, weight(p, edge, values));
                int src = col[p] * f + j;
                a0 = FloatVector.fromArray(S, b, src).fma(w, a0);
                a1 = FloatVector.fromArray(S, b, src + L).fma(w, a1);
                a2 = FloatVector.fromArray(S, b, src + 2 * L).fma(w, a2);
                a3 = FloatVector.fromArray(S, b, src + 3 * L).fma(w, a3);
            }
            a0.intoArray(c, out + j);
            a1.intoArray(c, out + j + L);
            a2.intoArray(c, out + j + 2 * L);
            a3.intoArray(c, out + j + 3 * L);
        }
        for (; j + L <= f; j += L) {
            FloatVector a = FloatVector.zero(S);
            for (int p = start; p < end; p++)
                a = FloatVector.fromArray(S, b, col[p] * f + j)
                        .fma(FloatVector.broadcast(S, weight(p, edge, values)), a);
            a.intoArray(c, out + j);
        }
        for (; j < f; j++) {
            float s = 0;
            for (int p = start; p < end; p++) s = Math.fma(weight(p, edge, values), b[col[p] * f + j], s);
            c[out + j] = s;
        }
    }

    private static float weight(int p, int[] edge, float[] values) {
        return values == null ? 1f : values[edge == null ? p : edge[p]];
    }

    /**
     * The gradient of C = A·B with respect to A's values: for every entry p of row r,
     * {@code grad[edge[p]] = G[r, :]·B[col[p], :]} (G = the gradient of C, [rows, f]; grad has one slot per entry).
     */
    public static void entryGradients(
            int rows, int[] rowPtr, int[] col, int[] edge, float[] g, float[] b, int f, float[] grad) {
        forRowsByEntries(rows, rowPtr, (from, to) -> {
            for (int r = from; r < to; r++)
                for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++)
                    grad[edge == null ? p : edge[p]] = dot(g, r * f, b, col[p] * f, f);
        });
    }

    private static float dot(float[] x, int xo, float[] y, int yo, int n) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j + L <= n; j += L)
            acc = FloatVector.fromArray(S, x, xo + j).fma(FloatVector.fromArray(S, y, yo + j), acc);
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) s = Math.fma(x[xo + j], y[yo + j], s);
        return s;
    }

    /**
     * Row-wise maximum over a row's entries (weights ignored): C[r, j] = max over p of B[col[p], j], with the
     * winning column in {@code argmax} (the first maximum; a NaN wins, as PyTorch's amax). An empty row gives 0
     * and argmax −1 (PyTorch Geometric's fill for nodes without messages).
     */
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

    /** Splits [0, rows) into chunks of about equal entry counts (a few per thread, so a delayed thread delays little). */
    private static void forRowsByEntries(int rows, int[] rowPtr, Parallel.RangeBody body) {
        long nnz = rowPtr[rows];
        int chunks = (int) Math.min(Math.max(1, nnz / MIN_ENTRIES), 4L * Parallel.threads());
        chunks = Math.max(1, Math.min(chunks, rows));
        if (chunks == 1) {
            body.run(0, rows);
            return;
        }
        int[] bounds = new int[chunks + 1];
        for (int i = 1; i < chunks; i++) bounds[i] = lowerBound(rowPtr, rows, nnz * i / chunks);
        bounds[chunks] = rows;
        int[] cuts = bounds;
        Parallel.forChunks(chunks, chunks, (from, to) -> {
            for (int i = from; i < to; i++) body.run(cuts[i], cuts[i + 1]);
        });
    }

    /** The first row r with rowPtr[r] >= target. */
    private static int lowerBound(int[] rowPtr, int rows, long target) {
        int lo = 0, hi = rows;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rowPtr[mid] < target) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
