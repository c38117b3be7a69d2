package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.GradCheck;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference gradient checks of every layer and functional op, with respect to the input and to
 * every parameter, for a normal batch and for batch size 1.
 */
class LayerGradientTest {

    /** Checks d(module(x))/d(x, parameters) numerically. */
    private static void checkModule(Module m, Tensor x) {
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(m.parameters());
        check(t -> m.forward(t[0]), inputs.toArray(Tensor[]::new));
    }

    private static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    /** Inputs kept away from 0 so the kinks of relu/leaky/elu/step are not straddled by the finite difference. */
    private static Tensor awayFromZero(Generator gen, int... shape) {
        Tensor t = Tensor.randn(gen, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) if (Math.abs(d[i]) < 0.05f) d[i] = d[i] < 0 ? -0.3f : 0.3f;
        return t;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void linear(int batch) {
        Generator gen = new Generator(1);
        checkModule(new Linear(3, 5, gen), Tensor.randn(gen, batch, 3));
        checkModule(new Linear(3, 2, false, gen), Tensor.randn(gen, batch, 3));
        checkModule(new Linear(3, 2, gen), Tensor.randn(gen, 2, batch, 3)); // extra leading dim
        checkModule(new Linear(3, 2, gen), Tensor.randn(gen, 3)); // unbatched 1-D input
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void activations(int batch) {
        Generator gen = new Generator(2);
        for (Activation a : Activation.values()) {
            Module m = a.module();
            check(t -> m.forward(t[0]), awayFromZero(gen, batch, 4));
        }
        check(t -> F.leakyRelu(t[0], 0.2), awayFromZero(gen, batch, 3));
        check(t -> F.elu(t[0], 0.5), awayFromZero(gen, batch, 3));
        check(t -> F.softplus(t[0], 2, 3), awayFromZero(gen, batch, 3));
        check(t -> F.softmax(t[0], 0), awayFromZero(gen, batch, 3));
        check(t -> F.logSoftmax(t[0], 0), awayFromZero(gen, batch, 3));
    }

    /** Values spread over [−8, 8], kept 0.05 away from every kink (0, ±3, 6) of relu6/hardswish/hardsigmoid/prelu. */
    static Tensor awayFromKinks(Generator gen, int... shape) {
        Tensor t = Tensor.uniform(gen, -8, 8, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++)
            for (float kink : new float[] {0, -3, 3, 6})
                if (Math.abs(d[i] - kink) < 0.05f) d[i] = kink + (d[i] < kink ? -0.2f : 0.2f);
        return t;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5})
    void newActivationsWithTheirOptions(int batch) {
        Generator gen = new Generator(14);
        List<Function<Tensor, Tensor>> fs = List.of(
                F::silu,
                F::mish,
                F::hardswish,
                F::hardsigmoid,
                F::relu6,
                F::selu,
                x -> F.celu(x, 0.5),
                x -> F.celu(x, 2),
                F::logSigmoid,
                F::softsign,
                x -> F.gelu(x, "tanh"),
                x -> F.gelu(x, "none"));
        for (Function<Tensor, Tensor> f : fs) check(t -> f.apply(t[0]), awayFromKinks(gen, batch, 7));
        check(t -> F.logSigmoid(t[0]), Tensor.fromArray(new float[] {-60, -20, 20, 60})); // the stable form far out
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void prelu(int batch) {
        Generator gen = new Generator(15);
        PReLU shared = new PReLU();
        PReLU perChannel = new PReLU(3, -0.3);
        Init.uniform(perChannel.weight(), -0.5, 1.5, gen);
        checkModule(shared, awayFromKinks(gen, batch, 5));
        checkModule(shared, awayFromKinks(gen, 6)); // 1-D input with one shared slope
        checkModule(perChannel, awayFromKinks(gen, batch, 3));
        checkModule(perChannel, awayFromKinks(gen, batch, 3, 4)); // slopes broadcast along dim 1 of [N, C, L]
        assertThatThrownBy(() -> perChannel.forward(Tensor.zeros(2, 4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[3]")
                .hasMessageContaining("channel size = 4");
        assertThat(perChannel.toString()).isEqualTo("PReLU(num_parameters=3)");
        assertThat(new PReLU().weight().data()).containsExactly(0.25f);
    }

    @Test
    void geluAndSoftplusFarIntoTails() {
        check(t -> F.gelu(t[0]), Tensor.fromArray(new float[] {-6, -4, -2.5f, 2.5f, 4, 6}));
        check(t -> F.softplus(t[0], 1, 20), Tensor.fromArray(new float[] {-30, -8, 8, 19, 25}));
    }

    @Test
    void stepHasZeroGradient() {
        Tensor x = Tensor.fromArray(new float[] {-1, 0.5f, 2}).requiresGrad(true);
        Tensor y = F.step(x);
        assertThat(y.data()).containsExactly(0, 1, 1);
        y.sum().backward();
        assertThat(x.grad().data()).containsExactly(0, 0, 0);
        check(t -> F.step(t[0]), awayFromZero(new Generator(3), 2, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 6})
    void batchNormTraining(int batch) {
        Generator gen = new Generator(4);
        BatchNorm1d bn = new BatchNorm1d(3);
        Init.uniform(bn.parameter("weight"), 0.5, 1.5, gen);
        Init.uniform(bn.parameter("bias"), -0.5, 0.5, gen);
        checkModule(bn, Tensor.randn(gen, batch, 3));
        checkModule(bn, Tensor.randn(gen, batch, 3, 4)); // [N, C, L]
        checkModule(bn, Tensor.randn(gen, 1, 3, 4)); // batch 1 is fine when L > 1
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5})
    void batchNormOptions(int batch) {
        Generator gen = new Generator(16);
        for (BatchNorm1d bn : List.of(
                new BatchNorm1d(3, 1e-5, null, false, true),
                new BatchNorm1d(3, 1e-5, 0.1, true, false),
                new BatchNorm1d(3, 1e-3, null, true, true))) {
            if (bn.affine()) Init.uniform(bn.parameter("weight"), 0.5, 1.5, gen);
            checkModule(bn, Tensor.randn(gen, batch, 3));
            checkModule(bn, Tensor.randn(gen, batch, 3, 2));
            bn.eval(); // running statistics, or batch statistics again when none are tracked
            checkModule(bn, Tensor.randn(gen, batch, 3));
        }
    }

    @Test
    void batchNormEvalWithBatchOne() {
        Generator gen = new Generator(5);
        BatchNorm1d bn = new BatchNorm1d(3);
        bn.forward(Tensor.randn(gen, 8, 3).mul(2f).add(1f)); // move the running stats off (0, 1)
        bn.eval();
        checkModule(bn, Tensor.randn(gen, 1, 3));
        checkModule(bn, Tensor.randn(gen, 4, 3, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void layerNorm(int batch) {
        Generator gen = new Generator(6);
        LayerNorm ln = new LayerNorm(4);
        Init.normal(ln.parameter("weight"), 1, 0.3, gen);
        Init.normal(ln.parameter("bias"), 0, 0.3, gen);
        checkModule(ln, Tensor.randn(gen, batch, 4));
        LayerNorm ln2 = new LayerNorm(2, 3);
        checkModule(ln2, Tensor.randn(gen, batch, 2, 3));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void embedding(int batch) {
        Generator gen = new Generator(7);
        Embedding e = new Embedding(5, 3, gen);
        Tensor idx = Tensor.randint(gen, 0, 5, batch, 4);
        Tensor idxCopy = idx.copy();
        check(t -> e.forward(idxCopy), e.parameter("weight"));
        assertThat(e.forward(idx).shape()).containsExactly(batch, 4, 3);
        assertThat(e.forward(Tensor.fromArray(new float[] {2})).data())
                .containsExactly(
                        e.parameter("weight").get(2, 0),
                        e.parameter("weight").get(2, 1),
                        e.parameter("weight").get(2, 2));
    }

    @Test
    void embeddingRowsUsedTwiceAccumulate() {
        Embedding e = new Embedding(4, 2, new Generator(8));
        e.forward(Tensor.fromArray(new float[] {1, 1, 3})).sum().backward();
        assertThat(e.parameter("weight").grad().data()).containsExactly(0, 0, 2, 2, 0, 0, 1, 1);
    }

    @Test
    void embeddingPaddingRowGetsNoGradient() {
        Generator gen = new Generator(17);
        Embedding padded = new Embedding(5, 3, 1, gen), plain = new Embedding(5, 3, gen);
        plain.parameter("weight").data()[0] = 0; // make the tables equal
        System.arraycopy(
                padded.parameter("weight").data(), 0, plain.parameter("weight").data(), 0, 15);
        Tensor idx = Tensor.fromArray(new float[] {1, 0, 1, 4, 2, 1}, 2, 3), r = Tensor.randn(gen, 2, 3, 3);
        padded.forward(idx).mul(r).sum().backward();
        plain.forward(idx).mul(r).sum().backward();
        float[] expected = plain.parameter("weight").grad().data().clone();
        assertThat(expected[3] != 0 || expected[4] != 0)
                .as("the plain table's row 1 has a gradient")
                .isTrue();
        java.util.Arrays.fill(expected, 3, 6, 0f);
        assertThat(padded.parameter("weight").grad().data()).containsExactly(expected);
        assertThat(padded.forward(Tensor.fromArray(new float[] {1})).data())
                .containsOnly(0f); // the padding row starts at zero
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void dropoutWithFixedMask(int batch) {
        Generator gen = new Generator(9);
        check(t -> F.dropout(t[0], 0.4, true, new Generator(5)), Tensor.randn(gen, batch, 6));
        Tensor x = Tensor.ones(batch, 6);
        Tensor y = F.dropout(x, 0.4, true, new Generator(5));
        for (float v : y.data()) assertThat(v).isIn(0f, 1f / 0.6f);
        assertThat(F.dropout(x, 1, true, gen).data()).containsOnly(0f);
        assertThat(F.dropout(x, 0.4, false, gen)).isSameAs(x);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void mlpAndFlatten(int batch) {
        Generator gen = new Generator(10);
        checkModule(new MLP(4, List.of(5, 3), 2, Activation.TANH, gen), Tensor.randn(gen, batch, 4));
        checkModule(new Sequential(new Flatten(), new Linear(6, 2, gen), new GELU()), Tensor.randn(gen, batch, 2, 3));
        assertThat(new Flatten(0, 1).forward(Tensor.zeros(2, 3, 4)).shape()).containsExactly(6, 4);
        assertThat(new Identity().forward(Tensor.zeros(2)).shape()).containsExactly(2);
    }

    @Test
    void gradCheckCatchesAWrongBackward() { // negative control: the checks above have teeth
        Function<Tensor[], Tensor> wrong = t -> dev.myelin.autograd.Engine.record(
                t[0].detach().mul(3f), "WrongBackward", g -> t[0].accumulateGrad(g.mul(2f)), t[0]);
        assertThat(GradCheck.check(wrong, Tensor.randn(new Generator(13), 2, 3)).ok())
                .isFalse();
    }

    @Test
    void badShapesAreReported() {
        Generator gen = new Generator(12);
        assertThatThrownBy(() -> new Linear(3, 2, gen).forward(Tensor.zeros(4, 5)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[4, 5]")
                .hasMessageContaining("in_features=3");
        assertThatThrownBy(() -> new BatchNorm1d(3).forward(Tensor.zeros(1, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 1 value per channel");
        assertThatThrownBy(() -> new BatchNorm1d(3).forward(Tensor.zeros(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 channels");
        assertThatThrownBy(() -> new LayerNorm(4).forward(Tensor.zeros(2, 3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> new Embedding(3, 2, gen).forward(Tensor.fromArray(new float[] {3})))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("embedding")
                .hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> new Dropout(1.5, gen))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }

    @Test
    void linearBackwardWithGradModeOnIsDifferentiableAndAgrees() {
        Generator gen = new Generator(18);
        Tensor g = Tensor.randn(gen, 2, 3, 4),
                x = Tensor.randn(gen, 2, 3, 5),
                w = Tensor.randn(gen, 4, 5),
                b = Tensor.randn(gen, 4);
        for (int k = 0; k < 3; k++) { // dx, dW, db as functions of (g, x, W)
            int which = k;
            check(t -> F.linearGradients(t[0], t[1], t[2], 6)[which], g.copy(), x.copy(), w.copy());
        }
        Tensor[] fast = {
            x.copy().requiresGrad(true), w.copy().requiresGrad(true), b.copy().requiresGrad(true)
        };
        Tensor[] graph = {
            x.copy().requiresGrad(true), w.copy().requiresGrad(true), b.copy().requiresGrad(true)
        };
        Tensor yFast = F.linear(fast[0], fast[1], fast[2]), yGraph = F.linear(graph[0], graph[1], graph[2]);
        try (var ignored = dev.myelin.autograd.NoGrad.enter()) {
            yFast.gradFn().backward().apply(g); // the normal backward: GEMM on raw arrays
        }
        yGraph.gradFn().backward().apply(g); // grad mode on, as backward(createGraph=true) will run it: tensor ops
        for (int i = 0; i < 3; i++)
            assertThat(graph[i].grad().allClose(fast[i].grad(), 1e-5f, 1e-5f))
                    .as("gradient " + i)
                    .isTrue();
    }

    @Test
    void linearMatchesMatmulFormula() {
        Generator gen = new Generator(11);
        Linear l = new Linear(4, 3, gen);
        Tensor x = Tensor.randn(gen, 5, 4);
        Tensor expected = x.matmul(l.weight().t()).add(l.bias());
        assertThat(l.forward(x).allClose(expected, 1e-6f, 1e-6f)).isTrue();
    }
}
