package dev.myelin.nn.rnn;

import dev.myelin.autograd.Autograd;
import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.RecurrentSequence;
import dev.myelin.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One direction of one recurrent layer over the whole sequence as one recorded op: forward and a plain
 * backward (backpropagation through time) on {@link RecurrentSequence}. Its output packs the outputs, the
 * final h and (LSTM) the final c in one array, returned as three views of it.
 *
 * <p>When backward builds a graph (createGraph), the op replays the sequence step by step with the
 * differentiable per-step ops ({@link #unrolled}: {@code F.linear} and {@link CellOps}) and differentiates that,
 * so its gradients can be differentiated again; the plain backward never does.
 */
final class SequenceOp {
    private SequenceOp() {}

    /**
     * From the input projections of all steps (b_ih included) along timeDim 1 (batch first) or 0, W_hh,
     * b_hh (or null), the initial h and c [B, H] (c null but for an LSTM) and the lengths (null: all full):
     * {outputs [.., H] in the input's layout, final h, final c (null but for an LSTM)}.
     */
    static Tensor[] run(CellKind kind, Tensor projected, Tensor wHh, Tensor bHh, Tensor h0, Tensor c0, Lengths lengths,
                        boolean batchFirst, boolean reverse) {
        int timeDim = batchFirst ? 1 : 0;
        int steps = projected.size(timeDim), batch = projected.size(1 - timeDim), hidden = wHh.size(1);
        boolean lstm = kind == CellKind.LSTM;
        int outN = batch * steps * hidden, state = batch * hidden, hOff = outN, cOff = outN + state;
        RecurrentSequence seq = new RecurrentSequence(kind.recurrence, batch, steps, hidden, batchFirst, reverse,
                lengths == null ? null : lengths.values());
        float[] packed = new float[outN + (lstm ? 2 : 1) * state], wd = wHh.values();
        seq.forward(projected.values(), wd, bHh == null ? null : bHh.values(), h0.values(), lstm ? c0.values() : null,
                packed, 0, hOff, cOff);
        Tensor all = Engine.record(new Tensor(packed, packed.length), kind.name() + "SequenceBackward", g -> {
            if (!NoGrad.isGradEnabled()) {
                float[] dxg = new float[projected.numel()], dhg = kind == CellKind.GRU ? new float[dxg.length] : dxg;
                float[] dh0 = new float[state], dc0 = lstm ? new float[state] : null;
                float[] dW = wHh.requiresGrad() ? new float[wd.length] : null;
                float[] db = bHh != null && bHh.requiresGrad() ? new float[bHh.numel()] : null;
                seq.backward(g.values(), 0, hOff, cOff, wd, dxg, dhg, dh0, dc0, dW, db);
                if (projected.requiresGrad()) projected.accumulateNewGrad(dxg);
                if (dW != null) wHh.accumulateNewGrad(dW);
                if (db != null) bHh.accumulateNewGrad(db);
                if (h0.requiresGrad()) h0.accumulateNewGrad(dh0);
                if (lstm && c0.requiresGrad()) c0.accumulateNewGrad(dc0);
                return;
            }
            // building a graph of the gradients: differentiate the step-by-step replay
            List<Tensor> wrt = new ArrayList<>();
            for (Tensor t : new Tensor[] {projected, wHh, bHh, h0, c0}) if (t != null && t.requiresGrad()) wrt.add(t);
            Tensor[] r = unrolled(kind, projected, wHh, bHh, h0, c0, lengths, timeDim, reverse);
            List<Tensor> parts = new ArrayList<>(List.of(r[0].reshape(-1), r[1].reshape(-1)));
            if (lstm) parts.add(r[2].reshape(-1));
            List<Tensor> grads = Autograd.grad(List.of(Tensor.cat(parts, 0)), wrt, List.of(g), true);
            for (int i = 0; i < wrt.size(); i++) wrt.get(i).accumulateGrad(grads.get(i));
        }, projected, wHh, bHh, h0, c0);
        int[] outShape = batchFirst ? new int[] {batch, steps, hidden} : new int[] {steps, batch, hidden};
        return new Tensor[] {all.narrow(0, 0, outN).view(outShape), all.narrow(0, hOff, state).view(batch, hidden),
                lstm ? all.narrow(0, cOff, state).view(batch, hidden) : null};
    }

    /**
     * The same sequence as a graph of per-step ops: per step, its slice of the projections read in place,
     * h·W_hhᵀ + b_hh on {@code F.linear} and the cell ({@link CellKind#step}); past a sequence's length the
     * state carries over and the output is zero (masks). Returns {outputs stacked along timeDim, final h, final c}.
     */
    static Tensor[] unrolled(CellKind kind, Tensor projected, Tensor wHh, Tensor bHh, Tensor h, Tensor c, Lengths lengths,
                             int timeDim, boolean reverse) {
        int steps = projected.size(timeDim);
        Tensor[] outputs = new Tensor[steps];
        for (int s = 0; s < steps; s++) {
            int t = reverse ? steps - 1 - s : s;
            Tensor[] next = kind.step(projected.select(timeDim, t), h, c, wHh, bHh);
            if (lengths == null) {
                h = next[0];
                c = next[1];
                outputs[t] = h;
            } else { // steps past a sequence's end keep its state and output zeros
                Tensor mask = lengths.mask(t);
                outputs[t] = next[0].mul(mask);
                h = Tensor.where(mask, next[0], h);
                c = c == null ? null : Tensor.where(mask, next[1], c);
            }
        }
        return new Tensor[] {Tensor.stack(Arrays.asList(outputs), timeDim), h, c};
    }
}
