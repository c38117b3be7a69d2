package dev.myelin.train.gan;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.loss.BCEWithLogitsLoss;
import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.train.StepMetrics;
import dev.myelin.train.TrainingContext;
import java.util.List;
import java.util.Objects;

/**
 * One step of the non-saturating GAN (Goodfellow et al. 2014, as PyTorch's DCGAN example), per batch of real samples
 * (the batch's inputs; its targets are ignored):
 * <pre>
 * z ~ N(0, 1)^[n, latentDim],  fake = G(z)
 * d_loss = BCEWithLogits(D(real), 1) + BCEWithLogits(D(fake.detach()), 0)      discriminator's optimizer steps
 * g_loss = BCEWithLogits(D(fake), 1) = −mean log σ(D(G(z)))                     generator's optimizer steps
 * </pre>
 * The generator maximizes log D(G(z)) instead of minimizing log(1 − D(G(z))), whose gradient vanishes while D
 * still rejects the fakes. The discriminator is updated first and the generator's loss reads the updated one. Each
 * optimizer holds only its own model's parameters ({@link GanModels}); while the generator learns, the discriminator's
 * parameters need no gradient and get none. History columns: d_loss, g_loss, and d_real / d_fake, the mean
 * probability D gives real and generated samples (before its update), which show who is winning.
 */
public final class GanStep implements AdversarialStep {
    private static final List<String> NAMES = List.of("d_loss", "g_loss", "d_real", "d_fake");

    private final GanModels gan;
    private final BCEWithLogitsLoss bce = new BCEWithLogitsLoss();

    /**
     * A step over already paired models (named "generator" and "discriminator" in the history).
     *
     * @param gan the generator, the discriminator, their optimizers and the noise
     * @throws NullPointerException if {@code gan} is null
     */
    public GanStep(GanModels gan) {
        this.gan = Objects.requireNonNull(gan, "gan");
    }

    /**
     * A step over a generator reading [n, latentDim] noise and a discriminator giving one logit per sample.
     *
     * @param generator              maps noise [n, latentDim] to samples shaped like the data
     * @param discriminator          maps samples to one logit per sample, [n, 1] or [n] (no sigmoid: the loss has it)
     * @param generatorOptimizer     an optimizer of the generator's parameters only, e.g. DCGAN's Adam(2e-4, (0.5,
     *                               0.999))
     * @param discriminatorOptimizer an optimizer of the discriminator's parameters only
     * @param latentDim              the width of the noise vectors, &gt;= 1
     * @param noise                  the source of the latent draws
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException as {@link GanModels#GanModels}
     */
    public GanStep(
            Module generator,
            Module discriminator,
            Optimizer generatorOptimizer,
            Optimizer discriminatorOptimizer,
            int latentDim,
            Generator noise) {
        this(new GanModels(
                generator,
                discriminator,
                generatorOptimizer,
                discriminatorOptimizer,
                latentDim,
                noise,
                "discriminator"));
    }

    /** The generator, the discriminator, their optimizers and the noise. */
    @Override
    public GanModels gan() {
        return gan;
    }

    @Override
    public StepMetrics step(Batch batch, TrainingContext ctx) {
        Tensor real = batch.inputs();
        int n = real.size(0);
        Tensor fake = gan.sample(n);
        gan.checkFake(fake, real);
        Tensor ones = Tensor.ones(n, 1), zeros = Tensor.zeros(n, 1);

        Tensor realLogits = gan.discriminate(real), fakeLogits = gan.discriminate(fake.detach());
        Tensor dLoss = bce.forward(realLogits, ones).add(bce.forward(fakeLogits, zeros));
        float d = dLoss.item();
        double dReal = meanProbability(realLogits), dFake = meanProbability(fakeLogits);
        StepMetrics m = StepMetrics.of(n).mean("d_loss", d);
        if (!Float.isFinite(d))
            return m.mean("g_loss", Double.NaN)
                    .mean("d_real", dReal)
                    .mean("d_fake", dFake); // no update from a broken loss
        gan.discriminatorOptimizer().zeroGrad();
        dLoss.backward();
        gan.discriminatorOptimizer().step();

        float g;
        try (var frozen = GanModels.frozen(gan.discriminator())) {
            Tensor gLoss = bce.forward(gan.discriminate(fake), ones);
            g = gLoss.item();
            if (Float.isFinite(g)) {
                gan.generatorOptimizer().zeroGrad();
                gLoss.backward();
                gan.generatorOptimizer().step();
            }
        }
        return m.mean("g_loss", g).mean("d_real", dReal).mean("d_fake", dFake);
    }

    private static double meanProbability(Tensor logits) {
        try (var off = NoGrad.enter()) {
            return logits.sigmoid().mean().item();
        }
    }

    @Override
    public List<String> metricNames() {
        return NAMES;
    }
}
