package dev.myelin.loss;

import static dev.myelin.testing.Fixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * SmoothL1Loss and cross-entropy / NLL on [N, C, d1, d2] inputs against torch 1.13 (fixture
 * activations_losses.json): loss values and input gradients for every reduction, with class weights,
 * ignore_index, label smoothing and probability targets, and the all-ignored case.
 */
class LossFixtureTest {
    private static final JsonNode FIXTURE = Fixtures.load("activations_losses");

    @Test
    void smoothL1MatchesTorchForEveryBetaAndReduction() {
        JsonNode ref = FIXTURE.get("smooth_l1");
        JsonNode cases = ref.get("cases");
        assertThat(cases.size()).isEqualTo(12);
        cases.fields().forEachRemaining(c -> {
            JsonNode v = c.getValue();
            Tensor x = Fixtures.tensor(ref.get("input")).requiresGrad(true);
            Loss loss = new SmoothL1Loss(
                    v.get("beta").asDouble(), Reduction.of(v.get("reduction").asText()));
            Tensor l = loss.forward(x, Fixtures.tensor(ref.get("target")));
            assertClose(c.getKey() + " loss", l, Fixtures.tensor(v.get("loss")), 1e-6, 1e-6);
            l.sum().backward();
            assertClose(c.getKey() + " gradient", x.grad(), Fixtures.tensor(v.get("grad")), 1e-6, 1e-6);
        });
    }

    private static Loss classificationLoss(JsonNode c) {
        Reduction r = Reduction.of(c.get("reduction").asText());
        Tensor weight = c.has("weight") && !c.get("weight").isNull() ? Fixtures.tensor(c.get("weight")) : null;
        int ignoreIndex = c.has("ignore_index") ? c.get("ignore_index").asInt() : -100;
        double smoothing = c.has("label_smoothing") ? c.get("label_smoothing").asDouble() : 0;
        return c.get("kind").asText().equals("ce")
                ? new CrossEntropyLoss(weight, ignoreIndex, r, smoothing)
                : new NLLLoss(weight, ignoreIndex, r);
    }

    @Test
    void crossEntropyAndNllPerPositionMatchTorch() {
        JsonNode ref = FIXTURE.get("cross_entropy");
        JsonNode cases = ref.get("cases");
        assertThat(cases.size()).isEqualTo(24);
        cases.fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            Tensor x = Fixtures.tensor(ref.get("logits")).requiresGrad(true);
            Loss loss = classificationLoss(c);
            Tensor input = c.get("kind").asText().equals("ce") ? x : x.logSoftmax(1);
            Tensor l = loss.forward(input, Fixtures.tensor(c.get("target")));
            assertClose(e.getKey() + " loss", l, Fixtures.tensor(c.get("loss")), 1e-5, 1e-5);
            l.sum().backward();
            assertClose(e.getKey() + " gradient", x.grad(), Fixtures.tensor(c.get("grad")), 1e-4, 1e-6);
        });
    }

    /** The torch cases again with the class-index targets given as IndexTensors (probability-target cases skipped). */
    @Test
    void crossEntropyAndNllWithIndexTensorTargetsMatchTorch() {
        JsonNode ref = FIXTURE.get("cross_entropy");
        int[] checked = {0};
        ref.get("cases").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            Tensor x = Fixtures.tensor(ref.get("logits")).requiresGrad(true);
            Tensor floatTarget = Fixtures.tensor(c.get("target"));
            if (Arrays.equals(floatTarget.shape(), x.shape())) return;
            IndexTensor target = IndexTensor.fromTensor(floatTarget);
            Loss loss = classificationLoss(c);
            Tensor l = loss instanceof CrossEntropyLoss ce
                    ? ce.forward(x, target)
                    : ((NLLLoss) loss).forward(x.logSoftmax(1), target);
            assertClose(e.getKey() + " loss", l, Fixtures.tensor(c.get("loss")), 1e-5, 1e-5);
            l.sum().backward();
            assertClose(e.getKey() + " gradient", x.grad(), Fixtures.tensor(c.get("grad")), 1e-4, 1e-6);
            checked[0]++;
        });
        assertThat(checked[0]).isGreaterThanOrEqualTo(12);
        ref.get("all_ignored").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            Tensor x = Fixtures.tensor(ref.get("logits")).requiresGrad(true);
            Loss loss = classificationLoss(c);
            IndexTensor target = IndexTensor.full(-100, 2, 3, 2);
            Tensor l = loss instanceof CrossEntropyLoss ce
                    ? ce.forward(x, target)
                    : ((NLLLoss) loss).forward(x.logSoftmax(1), target);
            if (c.get("loss_is_nan").asBoolean())
                assertThat(l.item()).as(e.getKey()).isNaN();
            else
                assertThat(l.item()).as(e.getKey()).isEqualTo((float)
                        c.get("loss").asDouble());
            l.backward();
            for (float g : x.grad().data())
                assertThat(g).as(e.getKey() + " gradient").isZero();
        });
    }

    @Test
    void indexTensorTargetsEqualFloatTargets() {
        Generator gen = new Generator(31);
        Tensor weight = Tensor.rand(gen, 4).add(0.5f);
        int[][] shapes = {{5, 4}, {2, 4, 3}, {4}};
        for (int[] shape : shapes) {
            int[] targetShape = shape.length == 1 ? new int[0] : ClassTargetsShapes.sample(shape);
            int n = 1;
            for (int s : targetShape) n *= s;
            int[] t = new int[n];
            for (int i = 0; i < n; i++) t[i] = i % 3 == 2 ? 1 : gen.nextInt(4);
            if (n > 2) t[1] = 1; // 1 is the ignoreIndex below
            float[] f = new float[n];
            for (int i = 0; i < n; i++) f[i] = t[i];
            Tensor x0 = Tensor.randn(gen, shape);
            for (Reduction r : new Reduction[] {Reduction.MEAN, Reduction.SUM, Reduction.NONE}) {
                Loss[] losses = {
                    new CrossEntropyLoss(weight, 1, r, 0.1),
                    new CrossEntropyLoss(r),
                    new NLLLoss(weight, 1, r),
                    new NLLLoss(r)
                };
                for (Loss loss : losses) {
                    Tensor a = x0.copy().requiresGrad(true), b = x0.copy().requiresGrad(true);
                    Tensor la = loss.forward(a, new Tensor(f.clone(), targetShape));
                    IndexTensor it = IndexTensor.of(t, targetShape);
                    Tensor lb =
                            loss instanceof CrossEntropyLoss ce ? ce.forward(b, it) : ((NLLLoss) loss).forward(b, it);
                    String what = loss + " " + r + " " + Arrays.toString(shape);
                    assertThat(lb.shape()).as(what).containsExactly(la.shape());
                    assertThat(lb.toArray()).as(what).containsExactly(la.toArray());
                    la.sum().backward();
                    lb.sum().backward();
                    assertThat(b.grad().toArray())
                            .as(what + " gradient")
                            .containsExactly(a.grad().toArray());
                }
            }
        }
        Tensor x = Tensor.randn(gen, 3, 4);
        assertThat(new MultiMarginLoss()
                        .forward(x, IndexTensor.of(new int[] {3, 0, 2}))
                        .item())
                .isEqualTo(new MultiMarginLoss()
                        .forward(x, Tensor.fromArray(new float[] {3, 0, 2}))
                        .item());
    }

    /** [N, C, d1, ..., dk] → [N, d1, ..., dk]. */
    private static final class ClassTargetsShapes {
        static int[] sample(int[] s) {
            int[] out = new int[s.length - 1];
            out[0] = s[0];
            System.arraycopy(s, 2, out, 1, s.length - 2);
            return out;
        }
    }

    @Test
    void badIndexTensorTargetsAreNamed() {
        assertThatThrownBy(() -> new CrossEntropyLoss()
                        .forward(Tensor.zeros(2, 4, 3), IndexTensor.of(new int[] {0, 1, 4, 3, 0, 1}, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CrossEntropyLoss")
                .hasMessageContaining("target 4 at position [0, 2]")
                .hasMessageContaining("[0, 4)")
                .hasMessageContaining("ignoreIndex -100");
        assertThatThrownBy(() -> new NLLLoss().forward(Tensor.zeros(3, 4), IndexTensor.of(new int[] {0, -1, 2})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NLLLoss")
                .hasMessageContaining("target -1 at position 1");
        assertThatThrownBy(() -> new NLLLoss().forward(Tensor.zeros(3, 4), IndexTensor.of(new int[] {0, 1})))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("NLLLoss")
                .hasMessageContaining("[3]")
                .hasMessageContaining("[2]");
        assertThatThrownBy(() -> new CrossEntropyLoss()
                        .forward(Tensor.zeros(2, 4, 3), IndexTensor.of(new int[] {0, 1, 2, 3}, 2, 2)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[2, 3]")
                .hasMessageContaining("[2, 2]");
        assertThatThrownBy(() ->
                        new CrossEntropyLoss().forward(Tensor.zeros(2, 4), Tensor.fromArray(new float[] {0, 1.5f})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CrossEntropyLoss")
                .hasMessageContaining("target 1.5 at position 1")
                .hasMessageContaining("whole number");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new SmoothL1Loss(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(Tensor.zeros(2, 4, 3), Tensor.zeros(2, 4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[2, 3]")
                .hasMessageContaining("[2, 4, 3]")
                .hasMessageContaining("[2, 4]");
        assertThatThrownBy(() -> new NLLLoss().forward(Tensor.zeros(2, 4, 3, 5), Tensor.zeros(2, 5, 3)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("NLLLoss")
                .hasMessageContaining("[2, 3, 5]");
    }

    @Test
    void allTargetsIgnoredGivesNanMeanWithZeroGradient() {
        JsonNode ref = FIXTURE.get("cross_entropy");
        JsonNode cases = ref.get("all_ignored");
        assertThat(cases.size()).isEqualTo(6);
        cases.fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            Tensor x = Fixtures.tensor(ref.get("logits")).requiresGrad(true);
            Tensor input = c.get("kind").asText().equals("ce") ? x : x.logSoftmax(1);
            Tensor target = Tensor.full(-100, 2, 3, 2);
            Tensor l = classificationLoss(c).forward(input, target);
            if (c.get("loss_is_nan").asBoolean())
                assertThat(l.item()).as(e.getKey()).isNaN();
            else
                assertThat(l.item()).as(e.getKey()).isEqualTo((float)
                        c.get("loss").asDouble());
            l.backward();
            assertThat(c.get("grad_abs_sum").asDouble()).isZero();
            for (float g : x.grad().data())
                assertThat(g).as(e.getKey() + " gradient").isZero();
        });
    }
}
