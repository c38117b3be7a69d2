package dev.myelin.train.gan;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.train.StepMetrics;
import dev.myelin.train.TrainingContext;
import java.util.List;
import java.util.Objects;

/**
 * One generator iteration of WGAN-GP (Gulrajani et al. 2017, Algorithm 1) per batch. The batch of real samples is
 * split into {@code nCritic} parts of about m = n / nCritic samples; on each part the critic takes one step on
 * <pre>
 * d_loss = mean D(fake) − mean D(real) + λ · GradientPenalty(D, real, fake)      fake = G(z), z ~ N(0, 1), no gradient to G
 * </pre>
 * then the generator takes one step on {@code g_loss = −mean D(G(z))} for m fresh latent vectors. So the paper's
 * fresh real minibatch per critic iteration comes from the data loader (use a batch size of nCritic · m). The critic
 * gives unbounded scores (no sigmoid) and should not use batch normalization (the penalty is per sample); the paper's
 * optimizer is {@link #paperAdam Adam(lr 1e-4, betas (0, 0.9))} for both. History columns: d_loss and g_loss (the
 * means over the batch's critic steps), gp (the penalty) and w_dist (mean D(real) − mean D(fake), the critic's
 * estimate of the Wasserstein distance, which falls as the generator improves).
 */
public final class WganGpStep implements AdversarialStep {
    private static final List<String> NAMES = List.of("d_loss", "g_loss", "gp", "w_dist");
    /** The paper's defaults: five critic steps per generator step, penalty weight 10. */
    public static final int DEFAULT_N_CRITIC = 5;

    /** The paper's penalty weight λ = 10. */
    public static final double DEFAULT_LAMBDA = 10;

    private final GanModels gan;
    private final int nCritic;
    private final float lambda;

    /**
     * A step over already paired models (the second one named "critic" by convention, see
     * {@link GanModels#discriminatorName()}).
     *
     * @param gan the generator, the critic, their optimizers and the noise
     * @param nCritic critic steps per generator step, &gt;= 1 ({@link #DEFAULT_N_CRITIC})
     * @param lambda the gradient penalty's weight λ, finite and &gt;= 0 ({@link #DEFAULT_LAMBDA})
     * @throws NullPointerException if {@code gan} is null
     * @throws IllegalArgumentException if {@code nCritic < 1} or {@code lambda} is negative or not finite
     */
    public WganGpStep(GanModels gan, int nCritic, double lambda) {
        this.gan = Objects.requireNonNull(gan, "gan");
        if (nCritic < 1) throw new IllegalArgumentException("WganGpStep: nCritic must be >= 1, got " + nCritic);
        if (!(lambda >= 0) || Double.isInfinite(lambda))
            throw new IllegalArgumentException("WganGpStep: lambda must be finite and >= 0, got " + lambda);
        this.nCritic = nCritic;
        this.lambda = (float) lambda;
    }

    /**
     * A step over a generator reading [n, latentDim] noise and a critic giving one score per sample.
     *
     * @param generator          maps noise [n, latentDim] to samples shaped like the data
     * @param critic             maps samples to one unbounded score per sample, [n, 1] or [n]
     * @param generatorOptimizer an optimizer of the generator's parameters only, e.g. {@link #paperAdam}
     * @param criticOptimizer    an optimizer of the critic's parameters only
     * @param latentDim          the width of the noise vectors, &gt;= 1
     * @param noise              the source of the latent draws (and of the penalty's α)
     * @param nCritic            critic steps per generator step, &gt;= 1
     * @param lambda             the gradient penalty's weight λ, finite and &gt;= 0
     * @throws NullPointerException if a model, optimizer or the noise is null
     * @throws IllegalArgumentException as {@link GanModels#GanModels} and
     *     {@link #WganGpStep(GanModels, int, double)}
     */
    public WganGpStep(
            Module generator,
            Module critic,
            Optimizer generatorOptimizer,
            Optimizer criticOptimizer,
            int latentDim,
            Generator noise,
            int nCritic,
            double lambda) {
        this(
                new GanModels(generator, critic, generatorOptimizer, criticOptimizer, latentDim, noise, "critic"),
                nCritic,
                lambda);
    }

    /**
     * Creates the paper's optimizer, for either model.
     *
     * @param params the model's parameters
     * @return Adam with lr 1e-4 and betas (0, 0.9)
     */
    public static Adam paperAdam(List<?> params) {
        return new Adam(params, 1e-4).betas(0, 0.9);
    }

    /** The generator, the critic, their optimizers and the noise. */
    @Override
    public GanModels gan() {
        return gan;
    }

    /** {@return the critic steps per generator step} */
    public int nCritic() {
        return nCritic;
    }

    @Override
    public StepMetrics step(Batch batch, TrainingContext ctx) {
        Tensor real = batch.inputs();
        int n = real.size(0);
        if (n < nCritic)
            throw new IllegalArgumentException("WganGpStep: a batch of " + n + " samples cannot feed " + nCritic
                    + " critic steps; use a batch size of at least nCritic (" + nCritic + "), e.g. " + nCritic
                    + " x 64 (a smaller last batch: drop it with dropLast)");
        double dSum = 0, gpSum = 0, wSum = 0;
        int start = 0;
        for (int k = 0; k < nCritic; k++) {
            int size = n / nCritic + (k < n % nCritic ? 1 : 0);
            Tensor r = real.narrow(0, start, size);
            start += size;
            Tensor fake;
            try (var off = NoGrad.enter()) {
                fake = gan.sample(size);
            }
            gan.checkFake(fake, r);
            Tensor realScore = gan.discriminate(r).mean(),
                    fakeScore = gan.discriminate(fake).mean();
            Tensor gp = GradientPenalty.of(gan::discriminate, r, fake, gan.noise());
            Tensor dLoss = fakeScore.sub(realScore).add(gp.mul(lambda));
            float d = dLoss.item();
            dSum += d;
            gpSum += gp.item();
            wSum += realScore.item() - fakeScore.item();
            if (!Float.isFinite(d))
                return metrics(n, d, Double.NaN, gp.item(), wSum / (k + 1)); // no update from a broken loss
            gan.discriminatorOptimizer().zeroGrad();
            dLoss.backward();
            gan.discriminatorOptimizer().step();
        }
        float g;
        try (var frozen = GanModels.frozen(gan.discriminator())) {
            Tensor gLoss = gan.discriminate(gan.sample(n / nCritic + (n % nCritic > 0 ? 1 : 0)))
                    .mean()
                    .neg();
            g = gLoss.item();
            if (Float.isFinite(g)) {
                gan.generatorOptimizer().zeroGrad();
                gLoss.backward();
                gan.generatorOptimizer().step();
            }
        }
        return metrics(n, dSum / nCritic, g, gpSum / nCritic, wSum / nCritic);
    }

    private static StepMetrics metrics(int n, double d, double g, double gp, double w) {
        return StepMetrics.of(n)
                .mean("d_loss", d)
                .mean("g_loss", g)
                .mean("gp", gp)
                .mean("w_dist", w);
    }

    @Override
    public List<String> metricNames() {
        return NAMES;
    }
}
