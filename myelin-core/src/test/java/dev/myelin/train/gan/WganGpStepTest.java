package dev.myelin.train.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.data.Batch;
import dev.myelin.nn.MLP;
import dev.myelin.optim.Adam;
import dev.myelin.optim.SGD;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.train.StepMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WGAN-GP's step: the critic loss recomputed from the same draws, the generator's loss, the split into critic steps. */
class WganGpStepTest {

    @Test
    void oneCriticStepAndOneGeneratorStepReproduceTheirLossesFromTheSameDraws() {
        Generator init = new Generator(4);
        MLP g = new MLP(3, List.of(8), 2, init), c = new MLP(2, List.of(8), 1, init);
        Generator initRef = new Generator(4);
        MLP gRef = new MLP(3, List.of(8), 2, initRef), cRef = new MLP(2, List.of(8), 1, initRef); // the same weights
        Tensor real = Tensor.randn(new Generator(5), 6, 2);
        WganGpStep step = new WganGpStep(
                g, c, new SGD(g.parameters(), 0.05), new SGD(c.parameters(), 0.05), 3, new Generator(9), 1, 10);
        StepMetrics m = step.step(new Batch(real, Tensor.zeros(6)), null);

        // the step draws, from its noise stream: z for the fakes, alpha for the penalty, then z for the generator's
        // loss
        Generator noise = new Generator(9);
        Tensor fake = gRef.forward(Tensor.randn(noise, 6, 3)).detach();
        Tensor alpha = Tensor.rand(noise, 6, 1);
        Tensor gp = GradientPenalty.of(cRef::forward, real, fake, alpha);
        Tensor w = cRef.forward(real).mean().sub(cRef.forward(fake).mean());
        Tensor dLoss = gp.mul(10f).sub(w);
        assertThat(m.get("d_loss")).isCloseTo(dLoss.item(), within(1e-5));
        assertThat(m.get("gp")).isCloseTo(gp.item(), within(1e-6));
        assertThat(m.get("w_dist")).isCloseTo(w.item(), within(1e-6));
        dLoss.backward();
        new SGD(cRef.parameters(), 0.05).step();
        float[] moved = GanStepTest.values(c), expected = GanStepTest.values(cRef); // the same update
        for (int i = 0; i < moved.length; i++)
            assertThat(moved[i]).as("critic parameter value %d", i).isCloseTo(expected[i], within(1e-6f));
        Tensor gLoss =
                cRef.forward(gRef.forward(Tensor.randn(noise, 6, 3))).mean().neg();
        assertThat(m.get("g_loss")).isCloseTo(gLoss.item(), within(1e-6));
    }

    @Test
    void theBatchFeedsNCriticStepsAndTheCriticMovesOnlyThroughItsOptimizer() {
        Generator init = new Generator(1);
        MLP g = new MLP(2, List.of(8), 2, init), c = new MLP(2, List.of(8), 1, init);
        float[] g0 = GanStepTest.values(g);
        Adam critic = new Adam(c.parameters(), 1e-3);
        WganGpStep step = new WganGpStep(g, c, new SGD(g.parameters(), 0), critic, 2, new Generator(2), 5, 10);
        float[] c0 = GanStepTest.values(c);
        StepMetrics m = step.step(
                new Batch(Tensor.randn(new Generator(3), 12, 2), Tensor.zeros(12)), null); // parts of 3, 3, 2, 2, 2
        assertThat(m.samples()).isEqualTo(12);
        assertThat(GanStepTest.values(g)).containsExactly(g0);
        assertThat(GanStepTest.values(c)).isNotEqualTo(c0);
        assertThat(critic.state(0).step()).isEqualTo(5);
        assertThatThrownBy(() -> step.step(new Batch(Tensor.randn(new Generator(3), 4, 2), Tensor.zeros(4)), null))
                .hasMessageContaining("a batch of 4 samples cannot feed 5 critic steps");
    }

    @Test
    void settingsAreChecked() {
        Generator gen = new Generator(1);
        MLP g = new MLP(2, List.of(4), 2, gen), c = new MLP(2, List.of(4), 1, gen);
        assertThatThrownBy(
                        () -> new WganGpStep(g, c, new Adam(g.parameters()), new Adam(c.parameters()), 2, gen, 0, 10))
                .hasMessageContaining("nCritic must be >= 1, got 0");
        assertThatThrownBy(
                        () -> new WganGpStep(g, c, new Adam(g.parameters()), new Adam(c.parameters()), 2, gen, 5, -1))
                .hasMessageContaining("lambda must be finite and >= 0");
        assertThat(new WganGpStep(g, c, new Adam(g.parameters()), new Adam(c.parameters()), 2, gen, 5, 10)
                        .models()
                        .keySet())
                .containsExactly("generator", "critic");
        Adam paper = WganGpStep.paperAdam(g.parameters());
        assertThat(paper.learningRate()).isCloseTo(1e-4, within(1e-9));
        assertThat(paper.beta1()).isZero();
        assertThat(paper.beta2()).isCloseTo(0.9, within(1e-6));
    }
}
