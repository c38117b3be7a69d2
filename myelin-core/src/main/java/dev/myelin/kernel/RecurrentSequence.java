package dev.myelin.kernel;

/**
 * One direction of one recurrent layer over a whole padded batch of sequences, forward and backward through
 * time, on the kernels. Forward: the input projections of all steps as one GEMM, X·W_ihᵀ + b_ih + b_hh (a GRU's
 * b_hn apart); then per step the recurrent product h·W_hhᵀ added into them by the GEMM, with W_hh packed once
 * for all steps ({@link PackedMatrix}), and the cell's fused row kernel in place. Backward: the steps in
 * reverse, each the cell's row backward and dh_prev = dHg·W_hh; then every weight gradient as one GEMM over all
 * steps (dW_hh = Σ_t dHg_tᵀ·h_{t−1} = dHg_allᵀ·H_prev, dW_ih = dXg_allᵀ·X, dX = dXg_all·W_ih), the biases' with
 * dW_ih (their column of ones).
 *
 * <p>The recurrence of one sequence never reads another's rows, so the batch is split into blocks of rows (whole
 * micro-panels of the GEMM) that each run all their steps on one thread: one fork-join per pass, not two per
 * step, and a block's rows stay in its core's cache. Each element's arithmetic does not depend on the rows it is
 * computed with (see {@link Gemm#sgemm(int, float[], int, int, PackedMatrix, float[], int, int, boolean)}), so
 * results are the same for every thread count.
 *
 * <p>Rows of the sequence buffers are time-major, (b, t) at {@code t·B + b}, whatever the layout of the input
 * and output ({@code b·T + t} batch first): a step's rows are contiguous, where batch-first rows would put every
 * sequence of a step on its own pages (18% slower per time step at T = 512). The saved activations, the states
 * before each step (h_prev, c_prev) and a time-major copy of the input (a small copy, with a column of ones that
 * carries the biases through the projection's GEMM) share these rows, so the weight gradients' GEMMs read them
 * in place. One buffer row per (b, t) of {@link Recurrence#savedPerRow} floats holds the step's pre-activations,
 * then its activations, then (backward, in place) its gradients: LSTM [i, f, g, o, tanh(c')] becomes [di, df,
 * dg, do]; GRU [r, z, n, hg_n] becomes [dr, dz, dn, r·dn] (the input projection's gradient is the first three
 * blocks, the hidden projection's the first two and the fourth); RNN [h'] becomes [dpre]. The buffers come from
 * the {@link BufferPool} and go back after backward, so a training step allocates no sequence-sized scratch.
 *
 * <p>With lengths (each in [1, T]), step t of sequence b runs only if t &lt; lengths[b]; otherwise its state
 * carries over and its output is zero. The reverse direction walks t = T−1 .. 0, so it starts from h0 at the
 * sequence's last valid step, as PyTorch's packed sequences.
 */
public final class RecurrentSequence {
    private final Recurrence cell;
    private final int batch, steps, input, hidden, gh, saved;
    private final boolean batchFirst, reverse;
    private final int[] lengths;
    // what forward keeps for backward (pool buffers, given back by backward); xt: the input time-major, with a
    // column of ones when there are biases (xWidth = I + 1)
    private float[] act, hPrev, cPrev, xt;
    private int xWidth;

    /**
     * @param input      features per step of the input x
     * @param batchFirst the input's and output's rows (b, t) at b·T + t, else t·B + b
     * @param reverse    steps run from t = T−1 down to 0
     * @param lengths    valid steps per sequence, each in [1, T], or null when all are full (not copied)
     */
    public RecurrentSequence(
            Recurrence cell,
            int batch,
            int steps,
            int input,
            int hidden,
            boolean batchFirst,
            boolean reverse,
            int[] lengths) {
        if (batch <= 0 || steps <= 0 || input <= 0 || hidden <= 0)
            throw new IllegalArgumentException(
                    "RecurrentSequence: batch, steps, input and hidden must be positive, got " + batch + ", " + steps
                            + ", " + input + " and " + hidden);
        if (lengths != null && lengths.length != batch)
            throw new IllegalArgumentException(
                    "RecurrentSequence: " + lengths.length + " lengths for a batch of " + batch);
        this.cell = cell;
        this.batch = batch;
        this.steps = steps;
        this.input = input;
        this.hidden = hidden;
        this.gh = cell.gates * hidden;
        this.saved = cell.savedPerRow(hidden);
        this.batchFirst = batchFirst && batch > 1 && steps > 1; // otherwise both layouts are the same
        this.reverse = reverse;
        this.lengths = lengths;
    }

    /**
     * Runs all steps. x [rows, I] at xOff (rows contiguous); wIh [G·H, I]; wHh [G·H, H]; bIh, bHh [G·H] or
     * null; h0, c0 [B, H] (c0 for an LSTM only, else ignored). Writes the outputs [rows, H] to out[outOff..]
     * (zero past each length: out must start zeroed there), the final h [B, H] to fin[hNOff..] and for an
     * LSTM the final c to fin[cNOff..]. Keeps what {@link #backward} needs if {@code saveForBackward};
     * otherwise (no gradient wanted) each block keeps only the current step's states.
     */
    public void forward(
            float[] x,
            int xOff,
            float[] wIh,
            float[] bIh,
            float[] wHh,
            float[] bHh,
            float[] h0,
            float[] c0,
            float[] out,
            int outOff,
            float[] fin,
            int hNOff,
            int cNOff,
            boolean saveForBackward) {
        int rows = batch * steps, h2 = 2 * hidden;
        boolean lstm = cell == Recurrence.LSTM, gru = cell == Recurrence.GRU;
        // The projections of all steps and every bias that is simply added, X·W_ihᵀ + b_ih + b_hh (a GRU's
        // b_hn stays apart: r multiplies it), into each row's first G·H columns; each step then adds h·W_hhᵀ.
        // The biases ride in the GEMM as a column of ones after x's features and a column of biases after W_ih's,
        // so nothing is filled beforehand, and backward gets their gradient as that column of dW_ih's.
        float[] bias = addedBias(bIh, bHh), w = wIh;
        xWidth = input + (bias == null ? 0 : 1);
        xt = BufferPool.take(rows * xWidth);
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < steps; t++) {
                int at = row(b, t) * xWidth;
                System.arraycopy(x, xOff + external(b, t) * input, xt, at, input);
                if (bias != null) xt[at + input] = 1f;
            }
        if (bias != null) {
            w = new float[gh * xWidth];
            for (int j = 0; j < gh; j++) {
                System.arraycopy(wIh, j * input, w, j * xWidth, input);
                w[j * xWidth + input] = bias[j];
            }
        }
        float[] pre = BufferPool.take(rows * saved);
        Gemm.sgemm(false, true, rows, gh, xWidth, xt, 0, xWidth, w, 0, xWidth, pre, 0, saved, false);
        act = saveForBackward ? pre : null;
        hPrev = saveForBackward ? BufferPool.take(rows * hidden) : null;
        cPrev = saveForBackward && lstm ? BufferPool.take(rows * hidden) : null;
        // op(B) = W_hhᵀ [H, G·H]; a GRU's n block in a matrix of its own, since its product goes to the fourth block
        PackedMatrix wT = Gemm.pack(true, hidden, gru ? h2 : gh, wHh, 0, hidden);
        PackedMatrix wTn = gru ? Gemm.pack(true, hidden, hidden, wHh, h2 * hidden, hidden) : null;
        float[] bHn = gru && bHh != null ? java.util.Arrays.copyOfRange(bHh, h2, gh) : null;
        forEachBlock((r0, r1) ->
                forwardBlock(r0, r1, pre, wT, wTn, bHn, h0, lstm ? c0 : null, out, outOff, fin, hNOff, cNOff));
        if (!saveForBackward) {
            BufferPool.give(pre);
            BufferPool.give(xt);
            xt = null;
        }
    }

    /** b_ih + b_hh over the gate blocks they are both added to (all but a GRU's n block, which gets b_in), or null. */
    private float[] addedBias(float[] bIh, float[] bHh) {
        if (bIh == null && bHh == null) return null;
        float[] sum = new float[gh];
        int both = cell == Recurrence.GRU ? 2 * hidden : gh;
        for (int j = 0; j < gh; j++) sum[j] = (bIh == null ? 0f : bIh[j]) + (bHh == null || j >= both ? 0f : bHh[j]);
        return sum;
    }

    /**
     * Rows [r0, r1) through all steps: per step, h·W_hhᵀ added to the rows' pre-activations (a GRU's n block
     * h·W_hnᵀ + b_hn into the fourth block), then the cell in place. The state before step s of row r is at
     * hs[stateAt(..)] (and cs): the sequence buffers' row when saving for backward, else one of two alternating
     * block-local slots.
     */
    private void forwardBlock(
            int r0,
            int r1,
            float[] pre,
            PackedMatrix wT,
            PackedMatrix wTn,
            float[] bHn,
            float[] h0,
            float[] c0,
            float[] out,
            int outOff,
            float[] fin,
            int hNOff,
            int cNOff) {
        int n = r1 - r0, h3 = 3 * hidden;
        boolean save = act != null;
        float[] hs = save ? hPrev : new float[2 * n * hidden],
                cs = c0 == null ? null : save ? cPrev : new float[2 * n * hidden];
        for (int r = 0; r < n; r++) {
            int at = stateAt(save, r0, n, r, 0);
            System.arraycopy(h0, (r0 + r) * hidden, hs, at, hidden);
            if (cs != null) System.arraycopy(c0, (r0 + r) * hidden, cs, at, hidden);
        }
        for (int s = 0; s < steps; s++) {
            int t = stepAt(s), first = row(r0, t) * saved, state = stateAt(save, r0, n, 0, s);
            boolean last = s == steps - 1;
            Gemm.sgemm(n, hs, state, hidden, wT, pre, first, saved, true);
            if (wTn != null) {
                if (bHn != null) VectorOps.fillRows(pre, first + h3, saved, n, hidden, bHn);
                Gemm.sgemm(n, hs, state, hidden, wTn, pre, first + h3, saved, bHn != null);
            }
            for (int r = 0; r < n; r++) {
                int b = r0 + r, a = row(b, t) * saved, h = stateAt(save, r0, n, r, s);
                // where the new state goes: the next step's state slot, or the final states
                float[] hDst = last ? fin : hs, cDst = last ? fin : cs;
                int hd = last ? hNOff + b * hidden : stateAt(save, r0, n, r, s + 1),
                        cd = last ? cNOff + b * hidden : hd;
                if (active(b, t)) {
                    if (Simd.ENABLED) {
                        switch (cell) {
                            case LSTM -> LstmCellKernel.forwardRow(hidden, pre, a, cs, h, hDst, hd, cDst, cd);
                            case GRU -> GruCellKernel.forwardRow(hidden, pre, a, hs, h, hDst, hd);
                            case RNN_TANH, RNN_RELU ->
                                RnnCellKernel.forwardRow(cell == Recurrence.RNN_RELU, hidden, pre, a, hDst, hd);
                        }
                    } else { // no Vector API module (see Simd)
                        switch (cell) {
                            case LSTM -> LstmCellKernelPlain.forwardRow(hidden, pre, a, cs, h, hDst, hd, cDst, cd);
                            case GRU -> GruCellKernelPlain.forwardRow(hidden, pre, a, hs, h, hDst, hd);
                            case RNN_TANH, RNN_RELU ->
                                RnnCellKernelPlain.forwardRow(cell == Recurrence.RNN_RELU, hidden, pre, a, hDst, hd);
                        }
                    }
                    System.arraycopy(hDst, hd, out, outOff + external(b, t) * hidden, hidden);
                } else { // past the sequence's end: the state carries over, the output stays zero
                    System.arraycopy(hs, h, hDst, hd, hidden);
                    if (cs != null) System.arraycopy(cs, h, cDst, cd, hidden);
                }
            }
        }
    }

    /** Where row r of the block of n rows from r0 finds its state before step s. */
    private int stateAt(boolean save, int r0, int n, int r, int s) {
        return save ? row(r0 + r, stepAt(s)) * hidden : ((s & 1) * n + r) * hidden;
    }

    /**
     * Backpropagation through time from the gradients of what {@link #forward} wrote, dOut of the outputs
     * (from outOff) and dFin of the final states (h at hNOff, c at cNOff; null: zero), for the forward's weights
     * (its input was kept). Writes, where not
     * null (overwriting): dx [rows, I], dWih [G·H, I], dbIh, dbHh [G·H], dWhh [G·H, H], and the initial
     * states' gradients dh0, dc0 [B, H]. Gives the saved buffers back to the pool: a second backward fails.
     */
    public void backward(
            float[] dOut,
            int outOff,
            float[] dFin,
            int hNOff,
            int cNOff,
            float[] wIh,
            float[] wHh,
            float[] dx,
            float[] dWih,
            float[] dbIh,
            float[] dWhh,
            float[] dbHh,
            float[] dh0,
            float[] dc0) {
        if (act == null)
            throw new IllegalStateException(
                    "RecurrentSequence: backward through the sequence a second time, or after a forward that "
                            + "did not save for it (its buffers are freed after the first backward, as PyTorch's saved tensors)");
        int rows = batch * steps, h2 = 2 * hidden, h3 = 3 * hidden;
        boolean gru = cell == Recurrence.GRU;
        // dh_prev = dHg·W_hh; a GRU's dHg is the r, z blocks then the fourth (r·dn), so its W_hh goes in two parts
        PackedMatrix w = Gemm.pack(false, gru ? h2 : gh, hidden, wHh, 0, hidden);
        PackedMatrix wN = gru ? Gemm.pack(false, hidden, hidden, wHh, h2 * hidden, hidden) : null;
        forEachBlock((r0, r1) -> backwardBlock(r0, r1, dOut, outOff, dFin, hNOff, cNOff, w, wN, dh0, dc0));
        if (dWhh != null) {
            Gemm.sgemm(
                    true, false, gru ? h2 : gh, hidden, rows, act, 0, saved, hPrev, 0, hidden, dWhh, 0, hidden, false);
            if (gru)
                Gemm.sgemm(
                        true,
                        false,
                        hidden,
                        hidden,
                        rows,
                        act,
                        h3,
                        saved,
                        hPrev,
                        0,
                        hidden,
                        dWhh,
                        h2 * hidden,
                        hidden,
                        false);
        }
        boolean biased = xWidth > input;
        if (dWih != null || (biased && (dbIh != null || dbHh != null))) {
            // dW_ih = dXgᵀ·X over all steps; with biases, the same product's last column is their gradient, Σ dXg
            float[] dW = biased ? new float[gh * xWidth] : dWih;
            Gemm.sgemm(true, false, gh, xWidth, rows, act, 0, saved, xt, 0, xWidth, dW, 0, xWidth, false);
            if (biased) {
                float[] sums = new float[gh];
                for (int j = 0; j < gh; j++) {
                    if (dWih != null) System.arraycopy(dW, j * xWidth, dWih, j * input, input);
                    sums[j] = dW[j * xWidth + input];
                }
                if (dbIh != null) System.arraycopy(sums, 0, dbIh, 0, gh);
                if (dbHh != null) {
                    System.arraycopy(
                            sums, 0, dbHh, 0, gru ? h2 : gh); // both biases add to the gates (a GRU's b_hn apart)
                    if (gru) VectorOps.columnSums(act, h3, saved, rows, hidden, dbHh, h2);
                }
            }
        }
        if (dx != null) {
            float[] dxt = batchFirst ? BufferPool.take(rows * input) : dx;
            Gemm.sgemm(false, false, rows, input, gh, act, 0, saved, wIh, 0, input, dxt, 0, input, false);
            if (batchFirst) {
                for (int b = 0; b < batch; b++)
                    for (int t = 0; t < steps; t++)
                        System.arraycopy(dxt, row(b, t) * input, dx, external(b, t) * input, input);
                BufferPool.give(dxt);
            }
        }
        for (float[] buffer : new float[][] {act, hPrev, cPrev, xt}) BufferPool.give(buffer);
        act = hPrev = cPrev = xt = null;
    }

    private void backwardBlock(
            int r0,
            int r1,
            float[] dOut,
            int outOff,
            float[] dFin,
            int hNOff,
            int cNOff,
            PackedMatrix w,
            PackedMatrix wN,
            float[] dh0,
            float[] dc0) {
        int n = r1 - r0, h3 = 3 * hidden;
        boolean lstm = cell == Recurrence.LSTM, gru = cell == Recurrence.GRU;
        int gradCols = gru ? saved : gh; // the columns a step's gradients take in its buffer row
        // dh: the gradient of the state after the current step; dhNext: of the state before it
        float[] dh = new float[n * hidden], dhNext = new float[n * hidden], dc = lstm ? new float[n * hidden] : null;
        if (dFin != null) {
            System.arraycopy(dFin, hNOff + r0 * hidden, dh, 0, n * hidden);
            if (lstm) System.arraycopy(dFin, cNOff + r0 * hidden, dc, 0, n * hidden);
        }
        for (int s = steps - 1; s >= 0; s--) {
            int t = stepAt(s);
            for (int r = 0; r < n; r++) {
                int b = r0 + r, i = row(b, t), a = i * saved;
                if (!active(b, t)) { // no step: no gradient for its gates or weights
                    java.util.Arrays.fill(act, a, a + gradCols, 0f);
                    continue;
                }
                VectorOps.add(
                        dh,
                        r * hidden,
                        dOut,
                        outOff + external(b, t) * hidden,
                        dh,
                        r * hidden,
                        hidden); // the output's gradient joins
                if (Simd.ENABLED) {
                    switch (cell) {
                        case LSTM ->
                            LstmCellKernel.backwardRow(
                                    hidden,
                                    dh,
                                    r * hidden,
                                    dc,
                                    r * hidden,
                                    act,
                                    a,
                                    cPrev,
                                    i * hidden,
                                    act,
                                    a,
                                    dc,
                                    r * hidden);
                        case GRU ->
                            GruCellKernel.backwardRow(
                                    hidden,
                                    dh,
                                    r * hidden,
                                    act,
                                    a,
                                    hPrev,
                                    i * hidden,
                                    act,
                                    a,
                                    act,
                                    a + h3,
                                    dhNext,
                                    r * hidden);
                        case RNN_TANH, RNN_RELU ->
                            RnnCellKernel.backwardRow(
                                    cell == Recurrence.RNN_RELU, hidden, dh, r * hidden, act, a, act, a);
                    }
                } else { // no Vector API module (see Simd)
                    switch (cell) {
                        case LSTM ->
                            LstmCellKernelPlain.backwardRow(
                                    hidden,
                                    dh,
                                    r * hidden,
                                    dc,
                                    r * hidden,
                                    act,
                                    a,
                                    cPrev,
                                    i * hidden,
                                    act,
                                    a,
                                    dc,
                                    r * hidden);
                        case GRU ->
                            GruCellKernelPlain.backwardRow(
                                    hidden,
                                    dh,
                                    r * hidden,
                                    act,
                                    a,
                                    hPrev,
                                    i * hidden,
                                    act,
                                    a,
                                    act,
                                    a + h3,
                                    dhNext,
                                    r * hidden);
                        case RNN_TANH, RNN_RELU ->
                            RnnCellKernelPlain.backwardRow(
                                    cell == Recurrence.RNN_RELU, hidden, dh, r * hidden, act, a, act, a);
                    }
                }
            }
            // dh_prev = dHg·W_hh (+ a GRU's direct part z·dh, already in dhNext)
            int first = row(r0, t) * saved;
            Gemm.sgemm(n, act, first, saved, w, dhNext, 0, hidden, gru);
            if (gru) Gemm.sgemm(n, act, first + h3, saved, wN, dhNext, 0, hidden, true);
            for (int r = 0; r < n; r++)
                if (!active(r0 + r, t))
                    System.arraycopy(dh, r * hidden, dhNext, r * hidden, hidden); // carried-over state
            if (Simd.ENABLED) GateMath.flush(dhNext, 0, n * hidden);
            else
                GateMathPlain.flush(
                        dhNext, 0, n * hidden); // tiny gradients to zero, as the cells write theirs (GateMath.flush)
            float[] swap = dh;
            dh = dhNext;
            dhNext = swap;
        }
        if (dh0 != null) System.arraycopy(dh, 0, dh0, r0 * hidden, n * hidden);
        if (lstm && dc0 != null) System.arraycopy(dc, 0, dc0, r0 * hidden, n * hidden);
    }

    /**
     * Runs body on blocks of whole GEMM row panels over the pool: two blocks per thread of at least four panels
     * (24 rows) each, so a thread the OS delays on a busy machine holds up less of the pass; inline when the
     * work is small.
     */
    private void forEachBlock(Parallel.RangeBody body) {
        int mr = PackedGemm.MR, panels = (batch + mr - 1) / mr;
        long work = (long) panels * steps * mr * gh * hidden;
        int blocks = work < (1L << 21) ? 1 : Math.min(2 * Parallel.threads(), Math.max(1, panels / 4));
        Parallel.forChunks(panels, blocks, (p0, p1) -> body.run(p0 * mr, Math.min(batch, p1 * mr)));
    }

    /** The time step processed s-th. */
    private int stepAt(int s) {
        return reverse ? steps - 1 - s : s;
    }

    /** The buffer row of (b, t): time-major. */
    private int row(int b, int t) {
        return t * batch + b;
    }

    /** The row of (b, t) in the input and output. */
    private int external(int b, int t) {
        return batchFirst ? b * steps + t : t * batch + b;
    }

    private boolean active(int b, int t) {
        return lengths == null || t < lengths[b];
    }
}
