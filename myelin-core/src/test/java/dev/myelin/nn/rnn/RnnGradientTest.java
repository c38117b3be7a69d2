package dev.myelin.nn.rnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.Autograd;
import dev.myelin.autograd.GradCheck;
import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks of the fused gate ops (also on row-strided views) and of every recurrent
 * layer and cell with respect to the input, the initial states and every parameter; and the gate ops' backward
 * in grad mode (createGraph) against their plain backward, with second derivatives checked numerically.
 */
class RnnGradientTest {

    private static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    /** d(out)/d(x, states, parameters) of a layer, where out concatenates the output and the final states. */
    private static void checkLayer(RecurrentBase m, Tensor x, Tensor h0, Tensor c0, int[] lengths) {
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        if (h0 != null) inputs.add(h0);
        if (c0 != null) inputs.add(c0);
        int nStates = inputs.size();
        inputs.addAll(m.parameters());
        check(
                t -> {
                    Tensor h = nStates > 1 ? t[1] : null, c = nStates > 2 ? t[2] : null;
                    Tensor[] r = m.run(t[0], h, c, lengths);
                    List<Tensor> parts = new ArrayList<>(List.of(r[0].reshape(-1), r[1].reshape(-1)));
                    if (r[2] != null) parts.add(r[2].reshape(-1));
                    return Tensor.cat(parts, 0);
                },
                inputs.toArray(Tensor[]::new));
    }

    @Test
    void lstmGateOp() {
        Generator gen = new Generator(3);
        check(
                t -> CellOps.lstm(t[0], t[1], t[2]),
                Tensor.randn(gen, 3, 8),
                Tensor.randn(gen, 3, 8),
                Tensor.randn(gen, 3, 2));
        // row-strided views: one time step of a batch-first projection, and c as the right half of a packed (h, c)
        Tensor xs = Tensor.randn(gen, 3, 4, 8), hc = Tensor.randn(gen, 3, 4);
        check(t -> CellOps.lstm(t[0].select(1, 2), t[1], t[2].narrow(1, 2, 2)), xs, Tensor.randn(gen, 3, 8), hc);
    }

    @Test
    void gateOpsPastOneVector() { // 18 = one AVX-512 vector and a tail
        Generator gen = new Generator(8);
        check(
                t -> CellOps.lstm(t[0], t[1], t[2]),
                Tensor.randn(gen, 2, 72),
                Tensor.randn(gen, 2, 72),
                Tensor.randn(gen, 2, 18));
        check(
                t -> CellOps.gru(t[0], t[1], t[2]),
                Tensor.randn(gen, 2, 54),
                Tensor.randn(gen, 2, 54),
                Tensor.randn(gen, 2, 18));
    }

    @Test
    void gruGateOp() {
        Generator gen = new Generator(4);
        check(
                t -> CellOps.gru(t[0], t[1], t[2]),
                Tensor.randn(gen, 2, 9),
                Tensor.randn(gen, 2, 9),
                Tensor.randn(gen, 2, 3));
        Tensor xs = Tensor.randn(gen, 2, 5, 9);
        check(
                t -> CellOps.gru(t[0].select(1, 4), t[1], t[2].select(0, 1)),
                xs,
                Tensor.randn(gen, 2, 9),
                Tensor.randn(gen, 2, 2, 3));
    }

    @Test
    void gateOpsBackwardInGradModeEqualsThePlainBackwardAndHasCorrectSecondDerivatives() {
        Generator gen = new Generator(5);
        Tensor xg = Tensor.randn(gen, 2, 12),
                hg = Tensor.randn(gen, 2, 12),
                c = Tensor.randn(gen, 2, 3),
                w = Tensor.randn(gen, 2, 6);
        List<Function<Tensor[], Tensor>> ops = List.of(
                t -> CellOps.lstm(t[0], t[1], t[2]),
                t -> CellOps.gru(t[0].narrow(1, 0, 9), t[1].narrow(1, 0, 9), t[2])
                        .mul(t[3].narrow(1, 0, 3)));
        for (Function<Tensor[], Tensor> op : ops) {
            Tensor[] in = {xg.requiresGrad(true), hg.requiresGrad(true), c.requiresGrad(true)};
            Tensor[] withW = {in[0], in[1], in[2], w};
            for (Tensor t : in) t.zeroGrad();
            Tensor out = op.apply(withW);
            List<Tensor> graphGrads = Autograd.grad(List.of(out), List.of(in), List.of(Tensor.onesLike(out)), true);
            for (Tensor t : in) t.zeroGrad();
            op.apply(withW).backward(Tensor.onesLike(out));
            for (int i = 0; i < in.length; i++)
                assertThat(graphGrads.get(i).allClose(in[i].grad(), 1e-5f, 1e-6f))
                        .as("input %d", i)
                        .isTrue();
            // second derivatives: the gradient (a graph) is itself checked against finite differences
            check(
                    t -> {
                        try (var ignored = NoGrad.enable()) { // GradCheck's finite differences run under NoGrad
                            Tensor o = op.apply(new Tensor[] {t[0], t[1], t[2], w});
                            List<Tensor> g = Autograd.grad(
                                    List.of(o), List.of(t[0], t[1], t[2]), List.of(Tensor.onesLike(o)), true);
                            return Tensor.cat(
                                    List.of(
                                            g.get(0).reshape(-1),
                                            g.get(1).reshape(-1),
                                            g.get(2).reshape(-1)),
                                    0);
                        }
                    },
                    xg.detach().contiguous(),
                    hg.detach().contiguous(),
                    c.detach().contiguous());
        }
    }

    @Test
    void layersWithEveryOption() {
        Generator gen = new Generator(6);
        for (String kind : List.of("tanh", "relu", "lstm", "gru")) {
            for (boolean batchFirst : new boolean[] {false, true}) {
                RecurrentBase m = layer(kind, 3, 4, 2, true, batchFirst, true, gen);
                int[] lengths = {4, 2, 3};
                Tensor x = batchFirst ? Tensor.randn(gen, 3, 4, 3) : Tensor.randn(gen, 4, 3, 3);
                Tensor h0 = Tensor.randn(gen, 4, 3, 4), c0 = kind.equals("lstm") ? Tensor.randn(gen, 4, 3, 4) : null;
                checkLayer(m, x, h0, c0, lengths);
                checkLayer(m, x, null, null, null);
            }
            checkLayer(
                    layer(kind, 2, 3, 1, false, false, false, gen), Tensor.randn(gen, 3, 2, 2), null, null, new int[] {
                        1, 3
                    });
            checkLayer(
                    layer(kind, 2, 3, 1, true, false, true, gen),
                    Tensor.randn(gen, 3, 2),
                    null,
                    null,
                    null); // unbatched
        }
    }

    @Test
    void layerGradientsInGradModeEqualThePlainBackwardAndDifferentiateAgain() {
        Generator gen = new Generator(9);
        for (String kind : List.of("tanh", "relu", "lstm", "gru")) {
            RecurrentBase m = layer(kind, 2, 3, 2, true, true, true, gen);
            int[] lengths = {4, 2};
            Tensor wo = Tensor.randn(gen, 2, 4, 6), wh = Tensor.randn(gen, 4, 2, 3);
            Function<Tensor, Tensor> loss = in -> {
                Tensor[] r = m.run(in, null, null, lengths);
                Tensor l = r[0].mul(wo).sum().add(r[1].mul(wh).sum());
                return r[2] == null ? l : l.add(r[2].mul(wh).sum());
            };
            Tensor x = Tensor.randn(gen, 2, 4, 2).requiresGrad(true);
            List<Tensor> wrt = new ArrayList<>(List.of(x));
            wrt.addAll(m.parameters());
            List<Tensor> graphGrads = Autograd.grad(List.of(loss.apply(x)), wrt, null, true);
            for (Tensor t : wrt) t.zeroGrad();
            loss.apply(x).backward();
            for (int i = 0; i < wrt.size(); i++)
                assertThat(graphGrads.get(i).allClose(wrt.get(i).grad(), 1e-5f, 1e-6f))
                        .as(kind + " input %d", i)
                        .isTrue();
            assertThat(graphGrads.getFirst().requiresGrad())
                    .as(kind + ": the gradient is a graph")
                    .isTrue();
            if (kind.equals("relu")) continue; // second derivatives are zero but at kinks
            check(
                    t -> {
                        try (var ignored = NoGrad.enable()) { // GradCheck's finite differences run under NoGrad
                            return Autograd.grad(List.of(loss.apply(t[0])), List.of(t[0]), null, true)
                                    .getFirst();
                        }
                    },
                    x.detach().contiguous());
        }
    }

    @Test
    void cells() {
        Generator gen = new Generator(7);
        List<CellBase> cells = List.of(
                new RNNCell(3, 4, gen),
                new RNNCell(3, 4, false, "relu", gen),
                new LSTMCell(3, 4, gen),
                new LSTMCell(3, 4, false, gen),
                new GRUCell(3, 4, gen),
                new GRUCell(3, 4, false, gen));
        for (CellBase m : cells) {
            for (int[] xs : new int[][] {{2, 3}, {3}}) {
                int[] hs = xs.length == 1 ? new int[] {4} : new int[] {2, 4};
                List<Tensor> inputs =
                        new ArrayList<>(List.of(Tensor.randn(gen, xs), Tensor.randn(gen, hs), Tensor.randn(gen, hs)));
                inputs.addAll(m.parameters());
                check(
                        t -> {
                            Tensor[] r = m.step(t[0], t[1], t[2]);
                            return r[1] == null ? r[0] : Tensor.cat(List.of(r[0], r[1]), 0);
                        },
                        inputs.toArray(Tensor[]::new));
            }
        }
    }

    static RecurrentBase layer(
            String kind,
            int in,
            int hidden,
            int layers,
            boolean bias,
            boolean batchFirst,
            boolean bidirectional,
            Generator gen) {
        return switch (kind) {
            case "lstm" -> new LSTM(in, hidden, layers, bias, batchFirst, 0, bidirectional, gen);
            case "gru" -> new GRU(in, hidden, layers, bias, batchFirst, 0, bidirectional, gen);
            default -> new RNN(in, hidden, layers, kind, bias, batchFirst, 0, bidirectional, gen);
        };
    }
}
