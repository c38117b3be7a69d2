package dev.myelin.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Finite-difference gradient checks of every differentiable tensor op, over several random shapes
 * that include size-1 dims and broadcasting, on compact inputs and on views (transposed, sliced with a
 * step, expanded). Each case draws its inputs from its own seed, so adding a case changes no other.
 */
class OpGradientTest {

    /** An op under test: how to build inputs of a given case, and the op itself. */
    private record Case(String name, int[][] shapes, Domain domain, Function<Tensor[], Tensor> op) {}

    private enum Domain {
        ANY,
        POSITIVE,
        AWAY_FROM_ZERO
    }

    private static final int[][][] BINARY_SHAPES = {
        {{3, 4}, {3, 4}},
        {{3, 4}, {4}},
        {{2, 1, 3}, {4, 1}},
        {{1}, {2, 3}},
        {{5}, {1}},
        {{1, 1}, {1, 1}},
        {{2, 3, 1}, {1, 3, 4}},
    };
    private static final int[][] UNARY_SHAPES = {{3, 4}, {1}, {2, 1, 3}, {7}, {1, 5}};

    @TestFactory
    Stream<DynamicTest> everyOpMatchesFiniteDifferences() {
        return cases().stream()
                .map(c -> DynamicTest.dynamicTest(c.name() + " " + Arrays.deepToString(c.shapes()), () -> {
                    Tensor[] inputs = new Tensor[c.shapes().length];
                    Generator gen = new Generator(c.name().hashCode() * 31L + Arrays.deepHashCode(c.shapes()));
                    List<Float> used = new ArrayList<>();
                    for (int i = 0; i < inputs.length; i++) inputs[i] = sample(gen, c.shapes()[i], c.domain(), used);
                    GradCheck.Result r = GradCheck.check(c.op(), inputs);
                    assertThat(r.ok()).as(c.name() + ": " + r.message()).isTrue();
                }));
    }

    /** How a non-contiguous input of a given shape is made from a compact base that the check perturbs. */
    private enum Layout {
        TRANSPOSED,
        SLICED_WITH_STEP,
        EXPANDED;

        int[] baseShape(int[] s) {
            int[] b = s.clone();
            switch (this) {
                case TRANSPOSED -> {
                    for (int i = 0; i < s.length; i++) b[i] = s[s.length - 1 - i];
                }
                case SLICED_WITH_STEP -> b[s.length - 1] = 2 * s[s.length - 1];
                case EXPANDED -> b[0] = 1;
            }
            return b;
        }

        Tensor view(Tensor base, int[] s) {
            return switch (this) {
                case TRANSPOSED -> {
                    int[] rev = new int[s.length];
                    for (int i = 0; i < s.length; i++) rev[i] = s.length - 1 - i;
                    yield base.permute(rev);
                }
                case SLICED_WITH_STEP -> base.slice(-1, 0, 2 * s[s.length - 1], 2);
                case EXPANDED -> base.expand(s);
            };
        }
    }

    /** The same checks with every input a transposed, step-sliced or expanded view (each op must read strides right). */
    @TestFactory
    Stream<DynamicTest> everyOpMatchesFiniteDifferencesOnViews() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Layout layout : Layout.values()) {
            for (Case c : cases()) {
                int[][] shapes = c.shapes();
                tests.add(DynamicTest.dynamicTest(
                        c.name() + " on " + layout + " " + Arrays.deepToString(shapes), () -> {
                            Tensor[] bases = new Tensor[shapes.length];
                            Generator gen = new Generator(
                                    c.name().hashCode() * 31L + Arrays.deepHashCode(shapes) + layout.ordinal());
                            List<Float> used = new ArrayList<>();
                            for (int i = 0; i < bases.length; i++)
                                bases[i] = sample(gen, layout.baseShape(shapes[i]), c.domain(), used);
                            GradCheck.Result r = GradCheck.check(
                                    b -> {
                                        Tensor[] views = new Tensor[b.length];
                                        for (int i = 0; i < b.length; i++) views[i] = layout.view(b[i], shapes[i]);
                                        return c.op().apply(views);
                                    },
                                    bases);
                            assertThat(r.ok())
                                    .as(c.name() + " on " + layout + ": " + r.message())
                                    .isTrue();
                        }));
            }
        }
        return tests.stream();
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        binary(cases, "add", Domain.ANY, t -> t[0].add(t[1]));
        binary(cases, "sub", Domain.ANY, t -> t[0].sub(t[1]));
        binary(cases, "mul", Domain.ANY, t -> t[0].mul(t[1]));
        binary(cases, "div", Domain.AWAY_FROM_ZERO, t -> t[0].div(t[1]));
        binary(cases, "pow", Domain.POSITIVE, t -> t[0].pow(t[1]));
        binary(cases, "maximum", Domain.ANY, t -> t[0].maximum(t[1]));
        binary(cases, "minimum", Domain.ANY, t -> t[0].minimum(t[1]));
        binary(cases, "where", Domain.ANY, t -> Tensor.where(t[0].gt(0f), t[0], t[1]));
        unary(cases, "addScalar", Domain.ANY, t -> t[0].add(2.5f));
        unary(cases, "mulScalar", Domain.ANY, t -> t[0].mul(-1.5f));
        unary(cases, "rsub", Domain.ANY, t -> t[0].rsub(1f));
        unary(cases, "powScalar", Domain.POSITIVE, t -> t[0].pow(2.5f));
        unary(cases, "square", Domain.ANY, t -> t[0].square());
        unary(cases, "neg", Domain.ANY, t -> t[0].neg());
        unary(cases, "abs", Domain.AWAY_FROM_ZERO, t -> t[0].abs());
        unary(cases, "exp", Domain.ANY, t -> t[0].exp());
        unary(cases, "log", Domain.POSITIVE, t -> t[0].log());
        unary(cases, "sqrt", Domain.POSITIVE, t -> t[0].sqrt());
        unary(cases, "sin", Domain.ANY, t -> t[0].sin());
        unary(cases, "cos", Domain.ANY, t -> t[0].cos());
        unary(cases, "tanh", Domain.ANY, t -> t[0].tanh());
        unary(cases, "sigmoid", Domain.ANY, t -> t[0].sigmoid());
        unary(cases, "relu", Domain.AWAY_FROM_ZERO, t -> t[0].relu());
        unary(cases, "clamp", Domain.AWAY_FROM_ZERO, t -> t[0].mul(2f).clamp(-0.5f, 0.7f));
        unary(cases, "reciprocal", Domain.AWAY_FROM_ZERO, t -> t[0].reciprocal());
        unary(cases, "sumAll", Domain.ANY, t -> t[0].sum());
        unary(cases, "meanAll", Domain.ANY, t -> t[0].mean());
        unary(cases, "sumDim0Keep", Domain.ANY, t -> t[0].sum(0, true));
        unary(cases, "meanLastDim", Domain.ANY, t -> t[0].mean(-1));
        unary(cases, "var", Domain.ANY, t -> t[0].numel() > 1 ? t[0].var() : t[0].var(new int[] {0}, 0, false));
        unary(
                cases,
                "stdLastKeep",
                Domain.ANY,
                t -> t[0].add(Tensor.arange(t[0].size(-1)).mul(0.3f))
                        .var(new int[] {-1}, 0, true)
                        .add(0.1f)
                        .sqrt());
        unary(cases, "maxDim", Domain.ANY, t -> t[0].max(-1, false).values());
        unary(cases, "minDim0", Domain.ANY, t -> t[0].min(0, true).values());
        unary(cases, "maxAll", Domain.ANY, t -> t[0].max());
        unary(cases, "logsumexp", Domain.ANY, t -> t[0].logsumexp(-1, false));
        unary(cases, "softmax", Domain.ANY, t -> t[0].softmax(-1));
        unary(cases, "softmaxDim0", Domain.ANY, t -> t[0].softmax(0));
        unary(cases, "logSoftmax", Domain.ANY, t -> t[0].logSoftmax(-1));
        unary(cases, "reshape", Domain.ANY, t -> t[0].reshape(-1).mul(t[0].reshape(-1)));
        unary(
                cases,
                "unsqueezeSqueeze",
                Domain.ANY,
                t -> t[0].unsqueeze(0).mul(2f).squeeze(0));
        unary(cases, "flatten1", Domain.ANY, t -> t[0].dim() > 1 ? t[0].flatten(1) : t[0].flatten());
        unary(cases, "transpose", Domain.ANY, t -> t[0].dim() > 1 ? t[0].transpose(0, -1) : t[0]);
        unary(
                cases,
                "expandLeading",
                Domain.ANY,
                t -> t[0].reshape(1, -1).expand(3, -1).mul(Tensor.arange(3).reshape(3, 1)));
        unary(
                cases,
                "expandSizeOne",
                Domain.ANY,
                t -> t[0].reshape(-1, 1).expand(-1, 4).mul(Tensor.arange(4)));
        unary(cases, "narrow", Domain.ANY, t -> t[0].narrow(-1, 0, Math.max(1, t[0].size(-1) - 1)));
        unary(cases, "sliceStep", Domain.ANY, t -> t[0].slice(-1, 0, t[0].size(-1), 2));
        unary(cases, "splitCat", Domain.ANY, t -> Tensor.cat(t[0].split(2, -1).reversed(), -1));
        unary(cases, "stack", Domain.ANY, t -> Tensor.stack(List.of(t[0], t[0].mul(3f)), 0));
        unary(
                cases,
                "indexSelect",
                Domain.ANY,
                t -> t[0].indexSelect(0, Tensor.fromArray(new float[] {0, 0, t[0].size(0) - 1})));
        unary(
                cases,
                "gather",
                Domain.ANY,
                t -> t[0].gather(-1, Tensor.zeros(t[0].shape()).add((float) (t[0].size(-1) - 1))));
        unary(
                cases,
                "scatterAddSelf",
                Domain.ANY,
                t -> Tensor.zeros(t[0].shape())
                        .scatterAdd(-1, Tensor.zeros(t[0].shape()), t[0])
                        .mul(t[0].sum()));
        // the same index ops with IndexTensor (int32) indices
        unary(
                cases,
                "indexSelect IndexTensor",
                Domain.ANY,
                t -> t[0].indexSelect(-1, IndexTensor.of(new int[] {t[0].size(-1) - 1, 0, t[0].size(-1) - 1})));
        unary(
                cases,
                "gather IndexTensor",
                Domain.ANY,
                t -> t[0].gather(0, IndexTensor.full(t[0].size(0) - 1, t[0].shape())));
        unary(
                cases,
                "scatterAddSelf IndexTensor",
                Domain.ANY,
                t -> Tensor.zeros(t[0].shape())
                        .scatterAdd(-1, IndexTensor.full(0, t[0].shape()), t[0])
                        .mul(t[0].sum()));
        cases.add(new Case(
                "gather IndexTensor repeated",
                new int[][] {{3, 4}},
                Domain.ANY,
                t -> t[0].gather(1, IndexTensor.of(new int[] {3, 3, 0, 1, 2, 1, 1, 1, 0, 2, 3, 3}, 3, 4))
                        .square()));
        cases.add(new Case(
                "scatterAddInput IndexTensor",
                new int[][] {{3, 4}, {3, 2}},
                Domain.ANY,
                t -> t[0].scatterAdd(1, IndexTensor.of(new int[] {0, 3, 1, 1, 2, 0}, 3, 2), t[1])
                        .square()));
        cases.add(new Case(
                "scatterAddInput IndexTensor dim 0",
                new int[][] {{2, 3}, {4, 3}},
                Domain.ANY,
                t -> t[0].scatterAdd(0, IndexTensor.of(new int[] {1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1}, 4, 3), t[1])
                        .tanh()));
        cases.add(new Case(
                "permute3d",
                new int[][] {{2, 3, 4}},
                Domain.ANY,
                t -> t[0].permute(2, 0, 1).mul(Tensor.arange(24).reshape(4, 2, 3))));
        cases.add(new Case(
                "scatterAddInput",
                new int[][] {{3, 4}, {3, 2}},
                Domain.ANY,
                t -> t[0].scatterAdd(1, Tensor.fromArray(new float[] {0, 3, 1, 1, 2, 0}, 3, 2), t[1])
                        .square()));
        int[][][] mm = {
            {{3, 4}, {4, 5}},
            {{4}, {4, 2}},
            {{3, 4}, {4}},
            {{4}, {4}},
            {{2, 3, 4}, {4, 5}},
            {{2, 1, 3, 4}, {5, 4, 2}},
            {{1, 1}, {1, 1}}
        };
        for (int[][] s : mm)
            cases.add(new Case("matmul " + Arrays.deepToString(s), s, Domain.ANY, t -> t[0].matmul(t[1])));
        cases.add(new Case(
                "matmul transposed operand",
                new int[][] {{3, 2, 4}, {3, 5, 4}},
                Domain.ANY,
                t -> t[0].matmul(t[1].transpose(-2, -1))));
        cases.add(new Case(
                "select",
                new int[][] {{3, 4, 2}},
                Domain.ANY,
                t -> t[0].select(1, 2).mul(t[0].select(-1, 0).sum())));
        cases.add(new Case(
                "unfold",
                new int[][] {{2, 7}},
                Domain.ANY,
                t -> t[0].unfold(1, 3, 2).square()));
        cases.add(new Case(
                "chunk",
                new int[][] {{4, 6}},
                Domain.ANY,
                t -> t[0].chunk(3, 1)
                        .get(1)
                        .mul(t[0].chunk(3, 1).get(2))
                        .add(t[0].chunk(2, 0).get(1).sum())));
        cases.add(new Case(
                "viewOfTranspose",
                new int[][] {{2, 3, 4}},
                Domain.ANY,
                t -> t[0].transpose(0, 1).reshape(3, 8).square()));
        cases.add(new Case(
                "contiguous",
                new int[][] {{3, 4}},
                Domain.ANY,
                t -> t[0].t().contiguous().mul(Tensor.arange(3))));
        return cases;
    }

    private static void binary(List<Case> cases, String name, Domain d, Function<Tensor[], Tensor> op) {
        for (int[][] s : BINARY_SHAPES) cases.add(new Case(name, s, d, op));
    }

    private static void unary(List<Case> cases, String name, Domain d, Function<Tensor[], Tensor> op) {
        for (int[] s : UNARY_SHAPES) cases.add(new Case(name, new int[][] {s}, d, op));
    }

    /** Random inputs; kinks (0 for relu/abs) and poles are avoided so finite differences are meaningful. */
    private static Tensor sample(Generator gen, int[] shape, Domain domain, List<Float> used) {
        Tensor t = Tensor.randn(gen, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            switch (domain) {
                case POSITIVE -> d[i] = 0.5f + Math.abs(d[i]);
                case AWAY_FROM_ZERO -> d[i] = Math.copySign(0.3f + Math.abs(d[i]), d[i]);
                default -> {}
            }
        }
        // keep values at least 0.02 apart (moving away from zero) so max/min/maximum have a unique winner that a
        // finite-difference step cannot overtake
        // (also from the other inputs of the case: maximum(a, b) compares across them)
        for (int i = 0; i < d.length; i++) {
            for (boolean clash = true; clash; ) {
                clash = false;
                for (float u : used) clash |= Math.abs(d[i] - u) < 0.02f;
                if (clash) d[i] += Math.copySign(0.021f, d[i]);
            }
            used.add(d[i]);
        }
        return t;
    }
}
