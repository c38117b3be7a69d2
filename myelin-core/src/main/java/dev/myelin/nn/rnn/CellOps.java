package dev.myelin.nn.rnn;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.GruCellKernel;
import dev.myelin.kernel.GruCellKernelPlain;
import dev.myelin.kernel.LstmCellKernel;
import dev.myelin.kernel.LstmCellKernelPlain;
import dev.myelin.kernel.Recurrence;
import dev.myelin.kernel.Simd;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * The fused gate ops of one LSTM or GRU step, each with its backward next to its forward: a fast array
 * path on the kernels in a plain backward, and the same formulas as tensor ops when backward builds a graph
 * (createGraph), so the gradients can be differentiated again. Inputs are [B, G·H] projections (biases
 * included), which may be row-strided views such as one time step of a [B, T, G·H] projection.
 */
public final class CellOps {
    private CellOps() {}

    /**
     * LSTM gates and cell update: from the input and hidden projections xg, hg [B, 4H] (gate order i, f, g, o)
     * and the cell state c [B, H], the new (h, c) side by side as one [B, 2H] tensor (take the halves with
     * {@code narrow(1, 0, H)} and {@code narrow(1, H, H)}).
     *
     * @param xg the input projection W_ih·x + b_ih, [B, 4H]
     * @param hg the hidden projection W_hh·h + b_hh, [B, 4H]
     * @param c the cell state, [B, H]
     * @return the new hidden and cell states side by side, [B, 2H]
     * @throws dev.myelin.tensor.ShapeMismatchException if c is not 2-D or xg, hg are not [B, 4H]
     */
    public static Tensor lstm(Tensor xg, Tensor hg, Tensor c) {
        int batch = c.size(0), hidden = c.size(1);
        check("lstm", xg, hg, c, 4);
        Rows x = Rows.of(xg), h = Rows.of(hg), cr = Rows.of(c);
        float[] act = new float[batch * Recurrence.LSTM.savedPerRow(hidden)], hc = new float[batch * 2 * hidden];
        if (Simd.ENABLED)
            LstmCellKernel.forward(
                    batch, hidden, x.data, x.offset, x.ld, h.data, h.offset, h.ld, cr.data, cr.offset, cr.ld, act, hc);
        else
            LstmCellKernelPlain.forward(
                    batch, hidden, x.data, x.offset, x.ld, h.data, h.offset, h.ld, cr.data, cr.offset, cr.ld, act, hc);
        Tensor out = new Tensor(hc, batch, 2 * hidden);
        return Engine.record(
                out,
                "LstmCellBackward",
                g -> {
                    if (!NoGrad.isGradEnabled()) {
                        float[] dGates = new float[batch * 4 * hidden],
                                dc = c.requiresGrad() ? new float[batch * hidden] : null;
                        if (Simd.ENABLED)
                            LstmCellKernel.backward(
                                    batch, hidden, g.values(), act, cr.data, cr.offset, cr.ld, dGates, dc);
                        else
                            LstmCellKernelPlain.backward(
                                    batch, hidden, g.values(), act, cr.data, cr.offset, cr.ld, dGates, dc);
                        giveBoth(xg, hg, dGates);
                        if (dc != null) c.accumulateNewGrad(dc);
                        return;
                    }
                    // building a graph of the gradients: the kernel's formulas as recorded tensor ops
                    Tensor a = xg.add(hg);
                    Tensor i = a.narrow(1, 0, hidden).sigmoid(),
                            f = a.narrow(1, hidden, hidden).sigmoid();
                    Tensor gg = a.narrow(1, 2 * hidden, hidden).tanh(),
                            o = a.narrow(1, 3 * hidden, hidden).sigmoid();
                    Tensor tc = f.mul(c).add(i.mul(gg)).tanh();
                    Tensor dh = g.narrow(1, 0, hidden);
                    Tensor dcNew = g.narrow(1, hidden, hidden)
                            .add(dh.mul(o).mul(tc.square().rsub(1f)));
                    Tensor dGates = Tensor.cat(
                            List.of(
                                    dcNew.mul(gg).mul(i.mul(i.rsub(1f))),
                                    dcNew.mul(c).mul(f.mul(f.rsub(1f))),
                                    dcNew.mul(i).mul(gg.square().rsub(1f)),
                                    dh.mul(tc).mul(o.mul(o.rsub(1f)))),
                            1);
                    if (xg.requiresGrad()) xg.accumulateGrad(dGates);
                    if (hg.requiresGrad()) hg.accumulateGrad(dGates);
                    if (c.requiresGrad()) c.accumulateGrad(dcNew.mul(f));
                },
                xg,
                hg,
                c);
    }

    /**
     * GRU gates and state update: from the input and hidden projections xg, hg [B, 3H] (gate order r, z, n)
     * and the previous state h [B, H], the new state [B, H].
     *
     * @param xg the input projection W_ih·x + b_ih, [B, 3H]
     * @param hg the hidden projection W_hh·h + b_hh, [B, 3H] (its n part is multiplied by r, as PyTorch's)
     * @param h the previous hidden state, [B, H]
     * @return the new hidden state, [B, H]
     * @throws dev.myelin.tensor.ShapeMismatchException if h is not 2-D or xg, hg are not [B, 3H]
     */
    public static Tensor gru(Tensor xg, Tensor hg, Tensor h) {
        int batch = h.size(0), hidden = h.size(1);
        check("gru", xg, hg, h, 3);
        Rows x = Rows.of(xg), hp = Rows.of(hg), hr = Rows.of(h);
        float[] act = new float[batch * Recurrence.GRU.savedPerRow(hidden)], out = new float[batch * hidden];
        if (Simd.ENABLED)
            GruCellKernel.forward(
                    batch, hidden, x.data, x.offset, x.ld, hp.data, hp.offset, hp.ld, hr.data, hr.offset, hr.ld, act,
                    out);
        else
            GruCellKernelPlain.forward(
                    batch, hidden, x.data, x.offset, x.ld, hp.data, hp.offset, hp.ld, hr.data, hr.offset, hr.ld, act,
                    out);
        return Engine.record(
                new Tensor(out, batch, hidden),
                "GruCellBackward",
                g -> {
                    if (!NoGrad.isGradEnabled()) {
                        float[] dxg = new float[batch * 3 * hidden], dhg = new float[batch * 3 * hidden];
                        float[] dh = h.requiresGrad() ? new float[batch * hidden] : null;
                        if (Simd.ENABLED)
                            GruCellKernel.backward(
                                    batch, hidden, g.values(), act, hr.data, hr.offset, hr.ld, dxg, dhg, dh);
                        else
                            GruCellKernelPlain.backward(
                                    batch, hidden, g.values(), act, hr.data, hr.offset, hr.ld, dxg, dhg, dh);
                        if (xg.requiresGrad()) xg.accumulateNewGrad(dxg);
                        if (hg.requiresGrad()) hg.accumulateNewGrad(dhg);
                        if (dh != null) h.accumulateNewGrad(dh);
                        return;
                    }
                    Tensor r =
                            xg.narrow(1, 0, hidden).add(hg.narrow(1, 0, hidden)).sigmoid();
                    Tensor z = xg.narrow(1, hidden, hidden)
                            .add(hg.narrow(1, hidden, hidden))
                            .sigmoid();
                    Tensor hn = hg.narrow(1, 2 * hidden, hidden);
                    Tensor n = xg.narrow(1, 2 * hidden, hidden).add(r.mul(hn)).tanh();
                    Tensor dn = g.mul(z.rsub(1f)).mul(n.square().rsub(1f));
                    Tensor dz = g.mul(h.sub(n)).mul(z.mul(z.rsub(1f)));
                    Tensor dr = dn.mul(hn).mul(r.mul(r.rsub(1f)));
                    if (xg.requiresGrad()) xg.accumulateGrad(Tensor.cat(List.of(dr, dz, dn), 1));
                    if (hg.requiresGrad()) hg.accumulateGrad(Tensor.cat(List.of(dr, dz, dn.mul(r)), 1));
                    if (h.requiresGrad()) h.accumulateGrad(g.mul(z));
                },
                xg,
                hg,
                h);
    }

    /** The same fresh gradient to both projections (the gates are their sum); the second gets a copy. */
    private static void giveBoth(Tensor xg, Tensor hg, float[] d) {
        if (xg.requiresGrad()) xg.accumulateNewGrad(hg.requiresGrad() ? d.clone() : d);
        if (hg.requiresGrad()) hg.accumulateNewGrad(d);
    }

    private static void check(String op, Tensor xg, Tensor hg, Tensor state, int gates) {
        if (state.dim() != 2)
            throw new ShapeMismatchException(op + ": state must be [batch, hidden], got " + Shapes.str(state.shape()));
        int[] want = {state.size(0), gates * state.size(1)};
        for (Tensor t : new Tensor[] {xg, hg})
            if (!java.util.Arrays.equals(t.shape(), want))
                throw new ShapeMismatchException(op + ": gate projections must be " + Shapes.str(want) + " for state "
                        + Shapes.str(state.shape()) + ", got " + Shapes.str(t.shape()));
    }

    /** A 2-D tensor as a row-major (array, offset, leading dimension): read in place when its rows are unit-stride, else copied. */
    private record Rows(float[] data, int offset, int ld) {
        static Rows of(Tensor t) {
            int cols = t.size(1);
            if (t.isContiguous()) return new Rows(t.storageArray(), t.storageOffset(), cols);
            if ((t.stride(1) == 1 || cols <= 1) && (t.stride(0) >= cols || t.size(0) <= 1))
                return new Rows(t.storageArray(), t.storageOffset(), t.stride(0));
            return new Rows(t.toArray(), 0, cols);
        }
    }
}
