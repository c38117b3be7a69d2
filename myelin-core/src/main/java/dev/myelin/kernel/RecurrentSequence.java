package dev.myelin.kernel;

/**
 * One direction of one recurrent layer over a whole padded batch of sequences, forward and backward through
 * time, on the kernels: per step the recurrent product h·W_hhᵀ on the GEMM with W_hh packed once for all
 * steps ({@link PackedMatrix}), then the cell's fused row kernel; backward runs the steps in reverse with
 * the cell's row backward and dh_prev = dHg·W_hh, then the weight gradient as one GEMM over all steps,
 * dW_hh = Σ_t dHg_tᵀ·h_{t−1} = dHg_allᵀ·H_prev_all, and the bias gradient as one column sum.
 *
 * <p>The recurrence of one sequence never reads another's rows, so the batch is split into blocks of rows
 * (whole micro-panels of the GEMM) that each run all their steps on one thread: one fork-join per pass, not
 * two per step, and a block's rows stay in its core's cache. Each element's arithmetic does not depend on the
 * rows it is computed with (see {@link Gemm#sgemm(int, float[], int, int, PackedMatrix, float[], int, int,
 * boolean)}), so results are the same for every thread count.
 *
 * <p>Rows of the sequence buffers are indexed by (b, t) in the layout of the input projection:
 * {@code b·T + t} batch first, {@code t·B + b} otherwise; xg, its gradient, the saved activations, the
 * outputs and the states before each step (h_prev, c_prev) all use it, so the weight gradient's GEMM reads
 * the gradients and the states in place. Allocations are per pass (the saved activations and states, and per
 * block one step's scratch), never per step.
 *
 * <p>With lengths (each in [1, T]), step t of sequence b runs only if t &lt; lengths[b]; otherwise its state
 * carries over and its output is zero. The reverse direction walks t = T−1 .. 0, so it starts from h0 at the
 * sequence's last valid step, as PyTorch's packed sequences.
 */
public final class RecurrentSequence {
    private final Recurrence cell;
    private final int batch, steps, hidden, gh, saved, rowStride, stepStride;
    private final boolean reverse;
    private final int[] lengths;
    // what forward keeps for backward
    private float[] act, hPrev, cPrev;

    /**
     * @param batchFirst rows (b, t) at b·T + t, else t·B + b
     * @param reverse    steps run from t = T−1 down to 0
     * @param lengths    valid steps per sequence, each in [1, T], or null when all are full (not copied)
     */
    public RecurrentSequence(Recurrence cell, int batch, int steps, int hidden, boolean batchFirst, boolean reverse, int[] lengths) {
        if (batch <= 0 || steps <= 0 || hidden <= 0)
            throw new IllegalArgumentException("RecurrentSequence: batch, steps and hidden must be positive, got " + batch + ", " + steps
                    + " and " + hidden);
        if (lengths != null && lengths.length != batch)
            throw new IllegalArgumentException("RecurrentSequence: " + lengths.length + " lengths for a batch of " + batch);
        this.cell = cell;
        this.batch = batch;
        this.steps = steps;
        this.hidden = hidden;
        this.gh = cell.gates * hidden;
        this.saved = cell.savedPerRow(hidden);
        this.rowStride = batchFirst ? steps : 1;
        this.stepStride = batchFirst ? 1 : batch;
        this.reverse = reverse;
        this.lengths = lengths;
    }

    /**
     * Runs all steps. xg [rows, G·H]: the input projections with b_ih; wHh [G·H, H]; bHh [G·H] or null;
     * h0, c0 [B, H] (c0 for an LSTM only, else ignored). Writes the outputs [rows, H] to out[outOff..] (zero
     * past each length: out must start zeroed there), the final h [B, H] to out[hNOff..] and for an LSTM the
     * final c to out[cNOff..].
     */
    public void forward(float[] xg, float[] wHh, float[] bHh, float[] h0, float[] c0,
                        float[] out, int outOff, int hNOff, int cNOff) {
        int rows = batch * steps;
        act = new float[rows * saved];
        hPrev = new float[rows * hidden];
        cPrev = cell == Recurrence.LSTM ? new float[rows * hidden] : null;
        int first = stepAt(0);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(h0, b * hidden, hPrev, row(b, first) * hidden, hidden);
            if (cPrev != null) System.arraycopy(c0, b * hidden, cPrev, row(b, first) * hidden, hidden);
        }
        PackedMatrix wT = Gemm.pack(true, hidden, gh, wHh, 0, hidden); // op(B) = W_hhᵀ [H, G·H]
        forEachBlock((r0, r1) -> forwardBlock(r0, r1, xg, wT, bHh, out, outOff, hNOff, cNOff));
    }

    private void forwardBlock(int r0, int r1, float[] xg, PackedMatrix wT, float[] bHh, float[] out, int outOff, int hNOff, int cNOff) {
        int n = r1 - r0;
        float[] hg = new float[n * gh];
        for (int s = 0; s < steps; s++) {
            int t = stepAt(s);
            boolean last = s == steps - 1;
            int next = last ? -1 : stepAt(s + 1);
            if (bHh != null) VectorOps.fillRows(hg, n, gh, bHh); // hg = h·W_hhᵀ + b_hh, as F.linear adds its bias
            Gemm.sgemm(n, hPrev, row(r0, t) * hidden, rowStride * hidden, wT, hg, 0, gh, bHh != null);
            for (int r = 0; r < n; r++) {
                int b = r0 + r, i = row(b, t);
                // where the new state goes: the next step's h_prev / c_prev, or the final states
                float[] hDst = last ? out : hPrev, cDst = last ? out : cPrev;
                int hd = last ? hNOff + b * hidden : row(b, next) * hidden, cd = last ? cNOff + b * hidden : row(b, next) * hidden;
                if (active(b, t)) {
                    switch (cell) {
                        case LSTM -> LstmCellKernel.forwardRow(hidden, xg, i * gh, hg, r * gh, cPrev, i * hidden, act, i * saved,
                                hDst, hd, cDst, cd);
                        case GRU -> GruCellKernel.forwardRow(hidden, xg, i * gh, hg, r * gh, hPrev, i * hidden, act, i * saved, hDst, hd);
                        case RNN_TANH, RNN_RELU -> RnnCellKernel.forwardRow(cell == Recurrence.RNN_RELU, hidden, xg, i * gh, hg, r * gh,
                                act, i * saved, hDst, hd);
                    }
                    System.arraycopy(hDst, hd, out, outOff + i * hidden, hidden);
                } else { // past the sequence's end: the state carries over, the output stays zero
                    System.arraycopy(hPrev, i * hidden, hDst, hd, hidden);
                    if (cPrev != null) System.arraycopy(cPrev, i * hidden, cDst, cd, hidden);
                }
            }
        }
    }

    /**
     * Backpropagation through time from the gradient dOut of what {@link #forward} wrote (outputs at outOff,
     * final h at hNOff, final c at cNOff, same offsets), for the forward's W_hh. Writes the gradient of xg to
     * dxg [rows, G·H] and of the hidden projection to dhg (the same array but for a GRU, whose n gate sees
     * hg_n through r); the previous states' gradients to dh0, dc0 [B, H]; and, where not null, dW [G·H, H] and
     * db [G·H] (overwritten). dxg and dhg must start zeroed (rows past a length stay zero).
     */
    public void backward(float[] dOut, int outOff, int hNOff, int cNOff, float[] wHh, float[] dxg, float[] dhg,
                         float[] dh0, float[] dc0, float[] dW, float[] db) {
        if (act == null) throw new IllegalStateException("RecurrentSequence: backward before forward");
        if (dhg != dxg && cell != Recurrence.GRU)
            throw new IllegalArgumentException("RecurrentSequence: only a GRU has a separate hidden-projection gradient");
        PackedMatrix w = Gemm.pack(false, gh, hidden, wHh, 0, hidden); // op(B) = W_hh [G·H, H]
        forEachBlock((r0, r1) -> backwardBlock(r0, r1, dOut, outOff, hNOff, cNOff, w, dxg, dhg, dh0, dc0));
        if (dW != null) Gemm.sgemm(true, false, gh, hidden, batch * steps, dhg, 0, gh, hPrev, 0, hidden, dW, 0, hidden, false);
        if (db != null) VectorOps.columnSums(dhg, batch * steps, gh, db);
    }

    private void backwardBlock(int r0, int r1, float[] dOut, int outOff, int hNOff, int cNOff, PackedMatrix w,
                               float[] dxg, float[] dhg, float[] dh0, float[] dc0) {
        int n = r1 - r0;
        boolean lstm = cell == Recurrence.LSTM, gru = cell == Recurrence.GRU;
        // dh: the gradient of the state after the current step; dhNext: of the state before it
        float[] dh = new float[n * hidden], dhNext = new float[n * hidden], dc = lstm ? new float[n * hidden] : null;
        System.arraycopy(dOut, hNOff + r0 * hidden, dh, 0, n * hidden);
        if (lstm) System.arraycopy(dOut, cNOff + r0 * hidden, dc, 0, n * hidden);
        for (int s = steps - 1; s >= 0; s--) {
            int t = stepAt(s);
            for (int r = 0; r < n; r++) {
                int b = r0 + r, i = row(b, t);
                if (!active(b, t)) continue;
                VectorOps.add(dh, r * hidden, dOut, outOff + i * hidden, dh, r * hidden, hidden); // the output's gradient joins
                switch (cell) {
                    case LSTM -> LstmCellKernel.backwardRow(hidden, dh, r * hidden, dc, r * hidden, act, i * saved, cPrev, i * hidden,
                            dxg, i * gh, dc, r * hidden);
                    case GRU -> GruCellKernel.backwardRow(hidden, dh, r * hidden, act, i * saved, hPrev, i * hidden, dxg, i * gh,
                            dhg, i * gh, dhNext, r * hidden);
                    case RNN_TANH, RNN_RELU -> RnnCellKernel.backwardRow(cell == Recurrence.RNN_RELU, hidden, dh, r * hidden, act,
                            i * saved, dxg, i * gh);
                }
            }
            // dh_prev = dHg·W_hh (+ a GRU's direct part z·dh, already in dhNext)
            Gemm.sgemm(n, dhg, row(r0, t) * gh, rowStride * gh, w, dhNext, 0, hidden, gru);
            for (int r = 0; r < n; r++)
                if (!active(r0 + r, t)) System.arraycopy(dh, r * hidden, dhNext, r * hidden, hidden); // carried-over state
            float[] swap = dh;
            dh = dhNext;
            dhNext = swap;
        }
        System.arraycopy(dh, 0, dh0, r0 * hidden, n * hidden);
        if (lstm) System.arraycopy(dc, 0, dc0, r0 * hidden, n * hidden);
    }

    /** Runs body on blocks of whole GEMM row panels over the pool (inline when the work is small). */
    private void forEachBlock(Parallel.RangeBody body) {
        int mr = PackedGemm.MR, panels = (batch + mr - 1) / mr;
        long perPanel = (long) steps * mr * gh * hidden;
        int minPanels = (int) Math.max(1, Math.min(panels, (1L << 20) / perPanel));
        Parallel.forRange(panels, minPanels, (p0, p1) -> body.run(p0 * mr, Math.min(batch, p1 * mr)));
    }

    /** The time step processed s-th. */
    private int stepAt(int s) {
        return reverse ? steps - 1 - s : s;
    }

    private int row(int b, int t) {
        return b * rowStride + t * stepStride;
    }

    private boolean active(int b, int t) {
        return lengths == null || t < lengths[b];
    }
}
