package dev.myelin.nn.rnn;

import dev.myelin.autograd.Autograd;
import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.RecurrentSequence;
import dev.myelin.nn.F;
import dev.myelin.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One direction of one recurrent layer over the whole sequence as one recorded op, from the layer's input
 * (the input projections of all steps included): forward and a plain backward (backpropagation through time)
 * on {@link RecurrentSequence}. Its output packs the outputs, the final h and (LSTM) the final c in one array,
 * returned as three views of it.
 *
 * <p>When backward builds a graph (createGraph), the op replays the sequence step by step with the
 * differentiable per-step ops ({@link #unrolled}: {@code F.linear} and {@link CellOps}) and differentiates that,
 * so its gradients can be differentiated again; the plain backward never does.
 */
final class SequenceOp {
    private SequenceOp() {}

    /**
     * From the layer input x [B, T, I] (batch first) or [T, B, I], W_ih, b_ih, W_hh, b_hh (biases may be null),
     * the initial h and c [B, H] (c null but for an LSTM) and the lengths (null: all full): {outputs [.., H] in
     * the input's layout, final h, final c (null but for an LSTM)}.
     */
    static Tensor[] run(CellKind kind, Tensor x, Tensor wIh, Tensor bIh, Tensor wHh, Tensor bHh, Tensor h0, Tensor c0,
                        Lengths lengths, boolean batchFirst, boolean reverse) {
        int timeDim = batchFirst ? 1 : 0;
        int steps = x.size(timeDim), batch = x.size(1 - timeDim), input = x.size(2), hidden = wHh.size(1);
        boolean lstm = kind == CellKind.LSTM;
        int outN = batch * steps * hidden, state = batch * hidden, hOff = outN, cOff = outN + state;
        RecurrentSequence seq = new RecurrentSequence(kind.recurrence, batch, steps, input, hidden, batchFirst, reverse,
                lengths == null ? null : lengths.values());
        // x's rows in place when they are contiguous (the previous layer's output is a view of its packed result)
        float[] xd = x.isContiguous() ? x.storageArray() : x.toArray(), wIhd = wIh.values(), wHhd = wHh.values();
        int xOff = x.isContiguous() ? x.storageOffset() : 0;
        float[] packed = new float[outN + (lstm ? 2 : 1) * state];
        Tensor[] inputs = {x, wIh, bIh, wHh, bHh, h0, c0};
        boolean recorded = NoGrad.isGradEnabled() && Stream.of(inputs).anyMatch(t -> t != null && t.requiresGrad());
        seq.forward(xd, xOff, wIhd, bIh == null ? null : bIh.values(), wHhd, bHh == null ? null : bHh.values(), h0.values(),
                lstm ? c0.values() : null, packed, 0, hOff, cOff, recorded); // Engine.record below records exactly then
        Tensor all = Engine.record(new Tensor(packed, packed.length), kind.name() + "SequenceBackward", g -> {
            if (!NoGrad.isGradEnabled()) {
                float[] dx = x.requiresGrad() ? new float[x.numel()] : null, dWih = gradFor(wIh), dbIh = gradFor(bIh);
                float[] dWhh = gradFor(wHh), dbHh = gradFor(bHh), dh0 = gradFor(h0), dc0 = lstm ? gradFor(c0) : null;
                seq.backward(g.values(), 0, hOff, cOff, xd, xOff, wIhd, wHhd, dx, dWih, dbIh, dWhh, dbHh, dh0, dc0);
                float[][] grads = {dx, dWih, dbIh, dWhh, dbHh, dh0, dc0};
                for (int i = 0; i < inputs.length; i++) if (grads[i] != null) inputs[i].accumulateNewGrad(grads[i]);
                return;
            }
            // building a graph of the gradients: differentiate the step-by-step replay
            List<Tensor> wrt = Stream.of(inputs).filter(t -> t != null && t.requiresGrad()).toList();
            Tensor[] r = unrolled(kind, x, wIh, bIh, wHh, bHh, h0, c0, lengths, timeDim, reverse);
            List<Tensor> parts = new ArrayList<>(List.of(r[0].reshape(-1), r[1].reshape(-1)));
            if (lstm) parts.add(r[2].reshape(-1));
            List<Tensor> grads = Autograd.grad(List.of(Tensor.cat(parts, 0)), wrt, List.of(g), true);
            for (int i = 0; i < wrt.size(); i++) wrt.get(i).accumulateGrad(grads.get(i));
        }, inputs);
        int[] outShape = batchFirst ? new int[] {batch, steps, hidden} : new int[] {steps, batch, hidden};
        return new Tensor[] {all.narrow(0, 0, outN).view(outShape), all.narrow(0, hOff, state).view(batch, hidden),
                lstm ? all.narrow(0, cOff, state).view(batch, hidden) : null};
    }

    /** A new gradient array for t if it needs one, else null. */
    private static float[] gradFor(Tensor t) {
        return t != null && t.requiresGrad() ? new float[t.numel()] : null;
    }

    /**
     * The same sequence as a graph of differentiable ops: the input projections of all steps on {@code F.linear},
     * then per step its slice of them read in place, h·W_hhᵀ + b_hh on {@code F.linear} and the cell
     * ({@link CellKind#step}); past a sequence's length the state carries over and the output is zero (masks).
     * Returns {outputs stacked along timeDim, final h, final c}.
     */
    static Tensor[] unrolled(CellKind kind, Tensor x, Tensor wIh, Tensor bIh, Tensor wHh, Tensor bHh, Tensor h, Tensor c,
                             Lengths lengths, int timeDim, boolean reverse) {
        Tensor projected = F.linear(x, wIh, bIh);
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
