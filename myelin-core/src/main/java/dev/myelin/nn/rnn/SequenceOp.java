package dev.myelin.nn.rnn;

import dev.myelin.autograd.Autograd;
import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.RecurrentSequence;
import dev.myelin.nn.F;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One direction of one recurrent layer over the whole sequence as one recorded op, from the layer's input
 * (the input projections of all steps included): forward and a plain backward (backpropagation through time)
 * on {@link RecurrentSequence}.
 *
 * <p>The op has two outputs, the outputs [.., H] and the final states, and the tape one output per node, so
 * they are two nodes: the sequence itself (output: the outputs) and the final states [1 or 2, B, H] recorded
 * as a function of the outputs. The states' backward, which runs first, hands its gradient to the sequence's
 * through a shared slot (and gives the outputs a zero gradient if they have none, so the sequence's backward
 * runs at all). The outputs are a compact tensor, so a loss on some of their steps costs one gradient array
 * of their size, not one per view.
 *
 * <p>When backward builds a graph (createGraph), the sequence replays itself step by step with the
 * differentiable per-step ops ({@link #unrolled}: {@code F.linear} and {@link CellOps}) and differentiates that,
 * so its gradients can be differentiated again; the plain backward never does.
 */
final class SequenceOp {
    private SequenceOp() {}

    /**
     * The final states' gradient, passed from their node's backward to the sequence's in the same backward pass
     * (null: none). Taken once: a later pass (a second-order backward through the outputs) must not see it.
     */
    private static final class StatesGradient {
        private Tensor value;

        Tensor take() {
            Tensor v = value;
            value = null;
            return v;
        }
    }

    /**
     * From the layer input x [B, T, I] (batch first) or [T, B, I], W_ih, b_ih, W_hh, b_hh (biases may be null),
     * the initial h and c [B, H] (c null but for an LSTM) and the lengths (null: all full): {outputs [.., H] in
     * the input's layout, final h, final c (null but for an LSTM)}.
     */
    static Tensor[] run(
            CellKind kind,
            Tensor x,
            Tensor wIh,
            Tensor bIh,
            Tensor wHh,
            Tensor bHh,
            Tensor h0,
            Tensor c0,
            Lengths lengths,
            boolean batchFirst,
            boolean reverse) {
        int timeDim = batchFirst ? 1 : 0;
        int steps = x.size(timeDim), batch = x.size(1 - timeDim), input = x.size(2), hidden = wHh.size(1);
        boolean lstm = kind == CellKind.LSTM;
        int state = batch * hidden, nStates = lstm ? 2 : 1;
        RecurrentSequence seq = new RecurrentSequence(
                kind.recurrence,
                batch,
                steps,
                input,
                hidden,
                batchFirst,
                reverse,
                lengths == null ? null : lengths.values());
        // x's rows in place when they are contiguous (the previous layer's output, a slice of a batch)
        float[] xd = x.isContiguous() ? x.storageArray() : x.toArray(), wIhd = wIh.values(), wHhd = wHh.values();
        int xOff = x.isContiguous() ? x.storageOffset() : 0;
        int[] outShape = batchFirst ? new int[] {batch, steps, hidden} : new int[] {steps, batch, hidden};
        float[] out = new float[batch * steps * hidden], fin = new float[nStates * state];
        Tensor[] inputs = {x, wIh, bIh, wHh, bHh, h0, c0};
        boolean recorded = NoGrad.isGradEnabled() && Stream.of(inputs).anyMatch(t -> t != null && t.requiresGrad());
        seq.forward(
                xd,
                xOff,
                wIhd,
                bIh == null ? null : bIh.values(),
                wHhd,
                bHh == null ? null : bHh.values(),
                h0.values(),
                lstm ? c0.values() : null,
                out,
                0,
                fin,
                0,
                state,
                recorded); // Engine.record below records exactly then
        StatesGradient finGrad = new StatesGradient();
        Tensor output = Engine.record(
                new Tensor(out, outShape),
                kind.name() + "SequenceBackward",
                g -> {
                    Tensor gFin = finGrad.take();
                    if (!NoGrad.isGradEnabled()) {
                        float[] dx = x.requiresGrad() ? new float[x.numel()] : null,
                                dWih = gradFor(wIh),
                                dbIh = gradFor(bIh);
                        float[] dWhh = gradFor(wHh),
                                dbHh = gradFor(bHh),
                                dh0 = gradFor(h0),
                                dc0 = lstm ? gradFor(c0) : null;
                        seq.backward(
                                g.values(),
                                0,
                                gFin == null ? null : gFin.values(),
                                0,
                                state,
                                wIhd,
                                wHhd,
                                dx,
                                dWih,
                                dbIh,
                                dWhh,
                                dbHh,
                                dh0,
                                dc0);
                        float[][] grads = {dx, dWih, dbIh, dWhh, dbHh, dh0, dc0};
                        for (int i = 0; i < inputs.length; i++)
                            if (grads[i] != null) inputs[i].accumulateNewGrad(grads[i]);
                        return;
                    }
                    // building a graph of the gradients: differentiate the step-by-step replay
                    List<Tensor> wrt = Stream.of(inputs)
                            .filter(t -> t != null && t.requiresGrad())
                            .toList();
                    Tensor[] r = unrolled(kind, x, wIh, bIh, wHh, bHh, h0, c0, lengths, timeDim, reverse);
                    Tensor replayStates = lstm ? Tensor.stack(List.of(r[1], r[2]), 0) : r[1].unsqueeze(0);
                    Tensor dFin = gFin == null ? Tensor.zeros(nStates, batch, hidden) : gFin;
                    List<Tensor> grads = Autograd.grad(List.of(r[0], replayStates), wrt, List.of(g, dFin), true);
                    for (int i = 0; i < wrt.size(); i++) wrt.get(i).accumulateGrad(grads.get(i));
                },
                inputs);
        // the final states, recorded as a function of the outputs so that their backward runs before the sequence's
        Tensor states = Engine.recordShapeOnly(
                new Tensor(fin, nStates, batch, hidden),
                kind.name() + "FinalStatesBackward",
                g -> {
                    finGrad.value = g;
                    if (output.grad()
                            == null) // the outputs get no other gradient: the sequence's backward must still run
                    output.accumulateGrad(Tensor.zeros(outShape));
                },
                output);
        return new Tensor[] {output, states.select(0, 0), lstm ? states.select(0, 1) : null};
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
    static Tensor[] unrolled(
            CellKind kind,
            Tensor x,
            Tensor wIh,
            Tensor bIh,
            Tensor wHh,
            Tensor bHh,
            Tensor h,
            Tensor c,
            Lengths lengths,
            int timeDim,
            boolean reverse) {
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
