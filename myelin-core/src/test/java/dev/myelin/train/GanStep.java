package dev.myelin.train;

import dev.myelin.loss.BCEWithLogitsLoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * A GAN on a 1-D distribution, as a user would write one: per batch of real samples [n, 1], the discriminator
 * learns to tell them from the generator's samples (which it sees detached), then the generator learns to make
 * the discriminator call its samples real. Both use Adam and binary cross-entropy on logits.
 */
final class GanStep implements TrainStep<Tensor> {
    final Linear generator;
    final MLP discriminator;
    final Adam optG, optD;
    private final Generator noise;
    private final BCEWithLogitsLoss bce = new BCEWithLogitsLoss();

    GanStep(long seed, double lr) {
        Generator gen = new Generator(seed);
        generator = new Linear(1, 1, true, gen);
        discriminator = new MLP(1, List.of(16), 1, gen);
        optG = new Adam(generator.parameters(), lr);
        optD = new Adam(discriminator.parameters(), lr);
        noise = gen.split();
    }

    @Override
    public StepMetrics step(Tensor real, TrainingContext ctx) {
        int n = real.size(0);
        Tensor fake = generator.forward(Tensor.randn(noise, n, 1));
        Tensor dLoss = bce.forward(discriminator.forward(real), Tensor.ones(n, 1))
                .add(bce.forward(discriminator.forward(fake.detach()), Tensor.zeros(n, 1)));
        optD.zeroGrad();
        dLoss.backward();
        optD.step();
        Tensor gLoss = bce.forward(discriminator.forward(fake), Tensor.ones(n, 1));
        optG.zeroGrad();
        gLoss.backward();
        optG.step();
        return StepMetrics.of(n)
                .mean("d_loss", dLoss.item())
                .mean("g_loss", gLoss.item())
                .mean("fake_mean", fake.mean().item());
    }

    @Override
    public List<String> metricNames() {
        return List.of("d_loss", "g_loss", "fake_mean");
    }

    @Override
    public SequencedMap<String, Module> models() {
        SequencedMap<String, Module> m = new LinkedHashMap<>();
        m.put("generator", generator);
        m.put("discriminator", discriminator);
        return m;
    }

    @Override
    public SequencedMap<String, Optimizer> optimizers() {
        SequencedMap<String, Optimizer> m = new LinkedHashMap<>();
        m.put("generator", optG);
        m.put("discriminator", optD);
        return m;
    }
}
