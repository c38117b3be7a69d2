package dev.myelin.nn.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.Parallel;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Outputs;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lengths and padding, the generic call path, dropout between layers, initialization, and the error messages. */
class RnnBehaviourTest {

    @Test
    void paddingNeverChangesFinalStatesAndOutputsPastTheLengthAreZero() {
        Generator gen = new Generator(1);
        for (String kind : List.of("tanh", "lstm", "gru")) {
            RecurrentBase m = RnnGradientTest.layer(kind, 3, 5, 2, true, true, true, gen);
            Tensor x = Tensor.randn(gen, 2, 6, 3);
            int[] lengths = {6, 3};
            Tensor[] padded = m.run(x, null, null, lengths);
            // the same second sequence with other padding, and alone without any
            Tensor other = x.copy();
            for (int t = 3; t < 6; t++) for (int f = 0; f < 3; f++) other.set(100f + t + f, 1, t, f);
            Tensor[] repadded = m.run(other, null, null, lengths);
            Tensor[] alone = m.run(x.narrow(0, 1, 1).narrow(1, 0, 3), null, null, null);
            assertThat(repadded[1].allClose(padded[1], 0, 0))
                    .as(kind + " h_n does not see the padding")
                    .isTrue();
            assertThat(padded[1].select(1, 1).allClose(alone[1].select(1, 0), 1e-6f, 1e-6f))
                    .as(kind + " h_n of the short sequence")
                    .isTrue();
            assertThat(padded[0].select(0, 1).narrow(0, 0, 3).allClose(alone[0].select(0, 0), 1e-6f, 1e-6f))
                    .as(kind)
                    .isTrue();
            assertThat(padded[0].select(0, 1).narrow(0, 3, 3).abs().sum().item())
                    .as(kind + " outputs past the length")
                    .isZero();
            if (padded[2] != null)
                assertThat(padded[2].select(1, 1).allClose(alone[2].select(1, 0), 1e-6f, 1e-6f))
                        .isTrue();
        }
    }

    @Test
    void aSecondBackwardThroughTheSequenceFailsAsInPyTorch() {
        Generator gen = new Generator(13);
        GRU gru = new GRU(3, 4, gen);
        Tensor loss =
                gru.forward(Tensor.randn(gen, 5, 2, 3), null, null).output().sum();
        loss.backward();
        assertThatThrownBy(loss::backward).hasMessageContaining("backward through the sequence a second time");
    }

    @Test
    void forwardWithoutGradientIsTheSame() {
        Generator gen = new Generator(12);
        for (String kind : List.of("tanh", "relu", "lstm", "gru")) {
            for (boolean batchFirst : new boolean[] {false, true}) {
                RecurrentBase m = RnnGradientTest.layer(kind, 3, 5, 2, true, batchFirst, true, gen);
                int batch = batchFirst ? 4 : 3;
                Tensor x = Tensor.randn(gen, 4, 3, 3),
                        h0 = Tensor.randn(gen, 4, batch, 5),
                        c0 = kind.equals("lstm") ? Tensor.randn(gen, 4, batch, 5) : null;
                int[] lengths = batchFirst ? new int[] {2, 3, 3, 1} : new int[] {4, 1, 3};
                Tensor[] recorded = m.run(x, h0, c0, lengths);
                assertThat(recorded[0].requiresGrad()).isTrue();
                Tensor[] plain;
                try (var ignored = NoGrad.enter()) {
                    plain = m.run(x, h0, c0, lengths);
                }
                for (int i = 0; i < 3; i++)
                    if (recorded[i] != null)
                        assertThat(plain[i].toArray()).as(kind + " part " + i).isEqualTo(recorded[i].toArray());
            }
        }
    }

    @Test
    void resultsAreIdenticalForEveryThreadCount() {
        // big enough that the batch is split into blocks of rows over the pool (the kernel's RecurrentSequence)
        int saved = Parallel.threads();
        try {
            for (String kind : List.of("tanh", "lstm", "gru")) {
                List<float[]> first = null;
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    Generator gen = new Generator(11);
                    boolean batchFirst = kind.equals("lstm");
                    RecurrentBase m = RnnGradientTest.layer(kind, 5, 64, 1, true, batchFirst, true, gen);
                    // 9 row panels of 6: two blocks or more
                    Tensor x =
                            (batchFirst ? Tensor.randn(gen, 50, 8, 5) : Tensor.randn(gen, 8, 50, 5)).requiresGrad(true);
                    int[] lengths = new int[50];
                    for (int b = 0; b < 50; b++) lengths[b] = 1 + b % 8;
                    Tensor[] r = m.run(x, null, null, lengths);
                    try (var ignored =
                            NoGrad.enter()) { // no gradient wanted: the forward keeps only each block's current step
                        Tensor[] inference = m.run(x, null, null, lengths);
                        assertThat(inference[0].toArray())
                                .as(kind + " output without grad")
                                .isEqualTo(r[0].toArray());
                        assertThat(inference[1].toArray())
                                .as(kind + " h without grad")
                                .isEqualTo(r[1].toArray());
                    }
                    r[0].sum().add(r[1].square().sum()).backward();
                    List<float[]> got = new ArrayList<>(
                            List.of(r[0].toArray(), r[1].toArray(), x.grad().toArray()));
                    for (Tensor p : m.parameters()) got.add(p.grad().toArray());
                    if (first == null) first = got;
                    else
                        for (int i = 0; i < got.size(); i++)
                            assertThat(got.get(i))
                                    .as(kind + " threads " + threads + " part " + i)
                                    .isEqualTo(first.get(i));
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void callTakesOptionalStatesAndLengthsAndNamesTheOutputs() {
        Generator gen = new Generator(2);
        LSTM lstm = new LSTM(3, 4, 1, true, false, 0, true, gen);
        Tensor x = Tensor.randn(gen, 5, 2, 3), h0 = Tensor.randn(gen, 2, 2, 4), c0 = Tensor.randn(gen, 2, 2, 4);
        Outputs out = lstm.call(x, h0, c0, Tensor.fromArray(new float[] {5, 2}, 2));
        LstmOutput typed = lstm.forward(x, h0, c0, new int[] {5, 2});
        assertThat(out.names()).containsExactly("output", "h", "c");
        assertThat(out.get("h").allClose(typed.h(), 0, 0)).isTrue();
        assertThat(out.get("output").shape()).containsExactly(5, 2, 8);
        assertThat(lstm.call(x).get("c").allClose(lstm.forward(x, null).c(), 0, 0))
                .isTrue();
        assertThat(lstm.call(x, null, null, Tensor.fromArray(new float[] {5, 5}, 2))
                        .get("h")
                        .allClose(lstm.forward(x, null).h(), 0, 0))
                .isTrue();

        GRU gru = new GRU(3, 4, gen);
        assertThat(gru.call(x).names()).containsExactly("output", "h");
        assertThat(new RNN(3, 4, gen).call(x, Tensor.zeros(1, 2, 4)).get("h").shape())
                .containsExactly(1, 2, 4);
        assertThat(new LSTMCell(3, 4, gen).call(x.select(0, 0)).names()).containsExactly("h", "c");
        assertThat(new GRUCell(3, 4, gen).call(x.select(0, 0)).names()).containsExactly("h");
        assertThat(new RNNCell(3, 4, gen).forward(x.select(0, 0)).shape()).containsExactly(2, 4);
        assertThatThrownBy(() -> lstm.forward(x)).hasMessageContaining("LSTM returns 3 outputs [output, h, c]");
        assertThatThrownBy(() -> lstm.call(x, h0, c0, Tensor.fromArray(new float[] {5, 2.5f}, 2)))
                .hasMessageContaining("LSTM: lengths[1] = 2.5 is not a whole number");
    }

    @Test
    void dropoutActsBetweenLayersOnlyInTraining() {
        Generator gen = new Generator(3);
        GRU gru = new GRU(3, 4, 2, true, false, 1.0, false, gen);
        Tensor x = Tensor.randn(gen, 4, 2, 3);
        RnnOutput train = gru.forward(x, null, null);
        gru.eval();
        RnnOutput eval = gru.forward(x, null, null);
        // p = 1 drops all of layer 0's output in training: layer 1 then sees zeros
        assertThat(train.output().allClose(eval.output(), 1e-4f, 1e-4f)).isFalse();
        GRU second = new GRU(4, 4, gen);
        second.loadStateDict(java.util.Map.of(
                "weight_ih_l0",
                gru.parameter("weight_ih_l1"),
                "weight_hh_l0",
                gru.parameter("weight_hh_l1"),
                "bias_ih_l0",
                gru.parameter("bias_ih_l1"),
                "bias_hh_l0",
                gru.parameter("bias_hh_l1")));
        assertThat(train.output()
                        .allClose(
                                second.forward(Tensor.zeros(4, 2, 4), null, null)
                                        .output(),
                                1e-6f,
                                1e-6f))
                .isTrue();
        assertThatThrownBy(() -> new LSTM(3, 4, 2, true, false, 1.5, false, gen))
                .hasMessageContaining("LSTM: dropout must be a probability in [0, 1], got 1.5");
    }

    @Test
    void initializationIsUniformWithinOneOverSqrtHidden() {
        LSTM lstm = new LSTM(10, 16, 2, true, false, 0, true, new Generator(4));
        assertThat(lstm.namedParameters()).hasSize(16);
        assertThat(lstm.parameter("weight_ih_l1_reverse").shape()).containsExactly(64, 32);
        for (var p : lstm.parameters()) {
            float[] v = p.data();
            float max = 0;
            for (float f : v) max = Math.max(max, Math.abs(f));
            assertThat(max).isLessThanOrEqualTo(0.25f).isGreaterThan(0.2f);
        }
        assertThat(new GRUCell(5, 7, new Generator(5)).parameter("weight_hh").shape())
                .containsExactly(21, 7);
    }

    @Test
    void architectureJsonRoundTrip() {
        String json = "{\"type\":\"LSTM\",\"inputSize\":28,\"hiddenSize\":128,\"batchFirst\":true}";
        LSTM lstm = (LSTM) Architecture.fromJson(json, new Generator(6));
        assertThat(lstm.batchFirst()).isTrue();
        assertThat(lstm.toString()).isEqualTo("LSTM(28, 128, batch_first=True)");
        assertThatThrownBy(() -> Architecture.fromJson(
                        "{\"type\":\"RNN\",\"inputSize\":2,\"hiddenSize\":3,\"nonlinearity\":\"sigmoid\"}"))
                .hasMessageContaining("unknown nonlinearity 'sigmoid'");
    }

    @Test
    void badInputNamesTheLayerAndBothSizes() {
        Generator gen = new Generator(7);
        LSTM lstm = new LSTM(28, 16, 1, true, true, 0, false, gen);
        assertThatThrownBy(() -> lstm.forward(Tensor.zeros(4, 10, 27), null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("LSTM: input has 27 features per step, expected inputSize=28");
        assertThatThrownBy(() -> lstm.forward(Tensor.zeros(4, 10, 28), new int[] {10, 11, 3, 1}))
                .hasMessageContaining("LSTM: lengths[1] = 11 is larger than the padded length 10");
        assertThatThrownBy(() -> lstm.forward(Tensor.zeros(4, 10, 28), new int[] {10, 0, 3, 1}))
                .hasMessageContaining("LSTM: lengths[1] = 0; every sequence needs at least one step");
        assertThatThrownBy(() -> lstm.forward(Tensor.zeros(4, 10, 28), new int[] {10, 2}))
                .hasMessageContaining("LSTM: got 2 lengths for a batch of 4 sequences");
        assertThatThrownBy(() -> lstm.forward(Tensor.zeros(4, 10, 28), Tensor.zeros(1, 3, 16), null, null))
                .hasMessageContaining(
                        "LSTM: h0 must be [numLayers*numDirections, batch, hiddenSize] = [1, 4, 16], got [1, 3, 16]");
        assertThatThrownBy(() -> new GRU(5, 3, gen).forward(Tensor.zeros(2, 2, 2, 5), null, null))
                .hasMessageContaining(
                        "GRU: input must be 3-D [seq, batch, feature] or 2-D unbatched [seq, feature], got [2, 2, 2, 5]");
        assertThatThrownBy(() -> new GRUCell(5, 3, gen).forward(Tensor.zeros(2, 4)))
                .hasMessageContaining("GRUCell: input has 4 features, expected inputSize=5");
        assertThatThrownBy(() -> new LSTMCell(5, 3, gen).forward(Tensor.zeros(2, 5), Tensor.zeros(3, 3), null))
                .hasMessageContaining("LSTMCell: h must be [2, 3] for this input, got [3, 3]");
        assertThatThrownBy(() -> new RNN(0, 3, gen))
                .hasMessageContaining("RNN: inputSize, hiddenSize and numLayers must be positive, got 0, 3 and 1");
    }

    @Test
    void aHiddenSizeWhoseGateRowsOverflowIsRefusedBeforeAnythingIsAllocated() {
        // found by fuzzing architecture JSON: 4 x 537913851 wrapped to a negative size
        assertThatThrownBy(() -> Architecture.parse("{\"type\": \"LSTM\", \"inputSize\": 3, \"hiddenSize\": 537913851}")
                        .stateShapes())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "LSTM: hiddenSize 537913851 is too large: 4 gate(s) x hiddenSize = 2151655404 rows exceed 2^31-1");
        assertThatThrownBy(() -> new GRUCell(3, 1 << 30, true, new Generator(0)))
                .hasMessageStartingWith("GRUCell: hiddenSize 1073741824 is too large");
    }
}
