package dev.myelin.train.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.LeakyReLU;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WGAN-GP's gradient penalty and critic loss on tiny fixed critics against PyTorch 1.13 (src/test/python/gan.py). */
class GradientPenaltyTest {

    private static Module critic(String kind) {
        Generator g = new Generator(0); // weights are replaced by the fixture's
        return kind.equals("mlp")
                ? new Sequential(new Linear(3, 5, g), new LeakyReLU(0.2), new Linear(5, 1, g))
                : new Sequential(new Conv2d(1, 2, 3, g), new LeakyReLU(0.2), new Flatten(), new Linear(8, 1, g));
    }

    private static void check(String kind) {
        JsonNode f = Fixtures.load("gan").get(kind);
        Module critic = critic(kind);
        Map<String, Tensor> state = new LinkedHashMap<>();
        f.get("state").properties().forEach(e -> state.put(e.getKey(), Fixtures.tensor(e.getValue())));
        critic.loadStateDict(state);
        Tensor real = Fixtures.tensor(f.get("real")),
                fake = Fixtures.tensor(f.get("fake")),
                alpha = Fixtures.tensor(f.get("alpha"));

        Tensor penalty = GradientPenalty.of(critic::forward, real, fake, alpha);
        Fixtures.assertClose(kind + " penalty", penalty, Fixtures.tensor(f.get("penalty")), 1e-5, 1e-6);
        critic.zeroGrad();
        penalty.backward();
        f.get("penalty_grad").properties().forEach(e -> {
            Tensor grad = critic.namedParameters().get(e.getKey()).grad();
            if (e.getValue().isNull()) { // torch: None, the parameter does not move dD/dx (the last bias)
                if (grad != null)
                    assertThat(grad.abs().max().item())
                            .as(kind + " " + e.getKey())
                            .isZero();
            } else if (grad
                    == null) { // torch keeps a zero gradient where the graph only passes a kink's (constant) slope
                assertThat(Fixtures.tensor(e.getValue()).abs().max().item())
                        .as(kind + " " + e.getKey() + " in torch")
                        .isZero();
            } else {
                Fixtures.assertClose(kind + " dP/d" + e.getKey(), grad, Fixtures.tensor(e.getValue()), 1e-4, 1e-5);
            }
        });

        critic.zeroGrad();
        Tensor loss = critic.forward(fake)
                .mean()
                .sub(critic.forward(real).mean())
                .add(GradientPenalty.of(critic::forward, real, fake, alpha).mul(10f));
        Fixtures.assertClose(kind + " critic loss", loss, Fixtures.tensor(f.get("critic_loss")), 1e-5, 1e-5);
        loss.backward();
        f.get("critic_loss_grad")
                .properties()
                .forEach(e -> Fixtures.assertClose(
                        kind + " dL/d" + e.getKey(),
                        critic.namedParameters().get(e.getKey()).grad(),
                        Fixtures.tensor(e.getValue()),
                        1e-4,
                        1e-5));
    }

    @Test
    void penaltyAndItsWeightGradientsMatchPyTorchForAnMlpCritic() {
        check("mlp");
    }

    @Test
    void penaltyAndItsWeightGradientsMatchPyTorchForAConvCritic() {
        check("conv");
    }

    @Test
    void realAndFakeGetNoGradientFromThePenalty() {
        Module critic = critic("mlp");
        Tensor real = Tensor.randn(new Generator(1), 4, 3).requiresGrad(true),
                fake = Tensor.randn(new Generator(2), 4, 3).requiresGrad(true);
        GradientPenalty.of(critic::forward, real, fake, new Generator(3)).backward();
        assertThat(real.grad()).isNull();
        assertThat(fake.grad()).isNull();
        assertThat(critic.namedParameters().get("0.weight").grad()).isNotNull();
    }

    @Test
    void mismatchedShapesAreNamed() {
        Module critic = critic("mlp");
        assertThatThrownBy(() ->
                        GradientPenalty.of(critic::forward, Tensor.zeros(4, 3), Tensor.zeros(4, 2), new Generator(0)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[4, 3]")
                .hasMessageContaining("[4, 2]");
        assertThatThrownBy(() ->
                        GradientPenalty.of(critic::forward, Tensor.zeros(4, 3), Tensor.zeros(4, 3), Tensor.zeros(3, 1)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("alpha [3, 1]");
    }
}
