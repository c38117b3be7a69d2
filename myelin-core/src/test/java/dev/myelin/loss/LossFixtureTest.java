package dev.myelin.loss;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.myelin.testing.Fixtures.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            Loss loss = new SmoothL1Loss(v.get("beta").asDouble(), Reduction.of(v.get("reduction").asText()));
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
        return c.get("kind").asText().equals("ce") ? new CrossEntropyLoss(weight, ignoreIndex, r, smoothing) : new NLLLoss(weight, ignoreIndex, r);
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

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new SmoothL1Loss(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta").hasMessageContaining("-1");
        assertThatThrownBy(() -> new CrossEntropyLoss().forward(Tensor.zeros(2, 4, 3), Tensor.zeros(2, 4)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[2, 4, 3]").hasMessageContaining("[2, 4]");
        assertThatThrownBy(() -> new NLLLoss().forward(Tensor.zeros(2, 4, 3, 5), Tensor.zeros(2, 5, 3)))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("NLLLoss").hasMessageContaining("[2, 3, 5]");
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
            if (c.get("loss_is_nan").asBoolean()) assertThat(l.item()).as(e.getKey()).isNaN();
            else assertThat(l.item()).as(e.getKey()).isEqualTo((float) c.get("loss").asDouble());
            l.backward();
            assertThat(c.get("grad_abs_sum").asDouble()).isZero();
            for (float g : x.grad().data()) assertThat(g).as(e.getKey() + " gradient").isZero();
        });
    }
}
