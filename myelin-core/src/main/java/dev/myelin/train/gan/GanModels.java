package dev.myelin.train.gan;

import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;

/**
 * A generator and a discriminator (or critic), each with its own optimizer, and the seeded noise the generator
 * reads: what both GAN steps share. The constructor checks that each optimizer holds only its own model's
 * parameters, so one model's update can never move the other. Noise is N(0, 1) of shape [n, latentDim]; the
 * generator's output must have the real batch's shape, and the discriminator must give one logit per sample
 * ([n, 1] or [n]); both are checked with messages naming the shapes.
 */
public final class GanModels {
    private final Module generator, discriminator;
    private final Optimizer generatorOptimizer, discriminatorOptimizer;
    private final int latentDim;
    private final Generator noise;
    private final String discriminatorName;

    /**
     * Pairs the two models with their optimizers, after checking that each optimizer holds only its own model's
     * parameters.
     *
     * @param generator              maps noise [n, latentDim] to samples shaped like the data
     * @param discriminator          maps samples to one logit (or critic score) per sample, [n, 1] or [n]
     * @param generatorOptimizer     an optimizer of the generator's parameters only
     * @param discriminatorOptimizer an optimizer of the discriminator's parameters only
     * @param latentDim              the width of the noise vectors, &gt;= 1
     * @param noise                  the generator's latent draws; a checkpoint saves it with the other random streams
     * @param discriminatorName      what the second model is called in the history, checkpoints and errors
     *                               ("discriminator", or "critic" for a WGAN)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code latentDim < 1}, both models are the same module, or an optimizer
     *     holds a tensor that is not a parameter of its own model
     */
    public GanModels(
            Module generator,
            Module discriminator,
            Optimizer generatorOptimizer,
            Optimizer discriminatorOptimizer,
            int latentDim,
            Generator noise,
            String discriminatorName) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.discriminator = Objects.requireNonNull(discriminator, "discriminator");
        this.generatorOptimizer = Objects.requireNonNull(generatorOptimizer, "generatorOptimizer");
        this.discriminatorOptimizer = Objects.requireNonNull(discriminatorOptimizer, "discriminatorOptimizer");
        this.noise = Objects.requireNonNull(noise, "noise");
        this.discriminatorName = Objects.requireNonNull(discriminatorName, "discriminatorName");
        if (latentDim < 1) throw new IllegalArgumentException("GanModels: latentDim must be >= 1, got " + latentDim);
        if (generator == discriminator)
            throw new IllegalArgumentException(
                    "GanModels: the generator and the " + discriminatorName + " are the same module");
        this.latentDim = latentDim;
        checkOwns(generatorOptimizer, generator, discriminator, "generator", discriminatorName);
        checkOwns(discriminatorOptimizer, discriminator, generator, discriminatorName, "generator");
    }

    /** Every parameter of {@code opt} belongs to {@code own}; a parameter shared with {@code other} is refused too. */
    private static void checkOwns(Optimizer opt, Module own, Module other, String ownName, String otherName) {
        Set<Tensor> mine = identitySet(own), theirs = identitySet(other);
        for (Tensor p : opt.params()) {
            if (theirs.contains(p))
                throw new IllegalArgumentException("GanModels: the " + ownName
                        + "'s optimizer holds a parameter of the " + otherName + " (shape " + Arrays.toString(p.shape())
                        + "); give each optimizer only its own model's parameters");
            if (!mine.contains(p))
                throw new IllegalArgumentException("GanModels: the " + ownName + "'s optimizer holds a tensor (shape "
                        + Arrays.toString(p.shape()) + ") that is not a parameter of the " + ownName);
        }
    }

    private static Set<Tensor> identitySet(Module m) {
        Set<Tensor> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(m.parameters());
        return s;
    }

    /** {@return the generator G} */
    public Module generator() {
        return generator;
    }

    /** {@return the discriminator (or critic) D} */
    public Module discriminator() {
        return discriminator;
    }

    /** {@return the optimizer of the generator's parameters} */
    public Optimizer generatorOptimizer() {
        return generatorOptimizer;
    }

    /** {@return the optimizer of the discriminator's parameters} */
    public Optimizer discriminatorOptimizer() {
        return discriminatorOptimizer;
    }

    /** {@return the width of the noise vectors the generator reads} */
    public int latentDim() {
        return latentDim;
    }

    /** {@return the generator the latent noise is drawn from} */
    public Generator noise() {
        return noise;
    }

    /** {@return the second model's name: "discriminator", or "critic" for a WGAN} */
    public String discriminatorName() {
        return discriminatorName;
    }

    /**
     * Draws latent vectors from the noise stream.
     *
     * @param n the number of vectors
     * @return N(0, 1) noise of shape [n, latentDim]
     */
    public Tensor latent(int n) {
        return Tensor.randn(noise, n, latentDim);
    }

    /**
     * Runs the generator on fresh noise, e.g. to look at or score its samples (wrap in {@code NoGrad} when no
     * gradient is wanted).
     *
     * @param n the number of samples
     * @return the generator's samples for n fresh latent vectors
     * @throws dev.myelin.tensor.ShapeMismatchException if the generator cannot read [n, latentDim] noise
     */
    public Tensor sample(int n) {
        return generate(latent(n));
    }

    /**
     * Runs the generator on given noise; a shape error inside it is reported as the generator's, with the noise's
     * shape.
     *
     * @param z latent vectors [n, latentDim]
     * @return the generator's output
     * @throws dev.myelin.tensor.ShapeMismatchException if the generator cannot read {@code z}
     */
    public Tensor generate(Tensor z) {
        try {
            return generator.forward(z);
        } catch (ShapeMismatchException e) {
            throw new ShapeMismatchException("generator: cannot run on latent noise of shape "
                    + Arrays.toString(z.shape()) + " (latentDim " + latentDim + "): " + e.getMessage());
        }
    }

    /**
     * Runs the discriminator, checking its input and output shapes.
     *
     * @param x samples [n, ...], real or generated
     * @return the discriminator's logits (or critic scores) for {@code x} as [n, 1]
     * @throws dev.myelin.tensor.ShapeMismatchException if the discriminator cannot read {@code x} or does not give
     *     one value per sample
     */
    public Tensor discriminate(Tensor x) {
        Tensor out;
        try {
            out = discriminator.forward(x);
        } catch (ShapeMismatchException e) {
            throw new ShapeMismatchException(discriminatorName + ": cannot run on samples of shape "
                    + Arrays.toString(x.shape()) + ": " + e.getMessage());
        }
        int n = x.size(0);
        boolean ok = (out.dim() == 2 && out.size(0) == n && out.size(1) == 1) || (out.dim() == 1 && out.size(0) == n);
        if (!ok)
            throw new ShapeMismatchException(discriminatorName + ": expected one logit per sample, shape [" + n
                    + ", 1] or [" + n + "], for input " + Arrays.toString(x.shape()) + " but got "
                    + Arrays.toString(out.shape()));
        return out.dim() == 1 ? out.reshape(n, 1) : out;
    }

    /**
     * Checks that the generator's output has the real batch's shape (what the discriminator will be given).
     *
     * @param fake the generator's output
     * @param real the batch of real samples
     * @throws dev.myelin.tensor.ShapeMismatchException if the shapes differ (both are named)
     */
    public void checkFake(Tensor fake, Tensor real) {
        if (!Arrays.equals(fake.shape(), real.shape()))
            throw new ShapeMismatchException("generator output " + Arrays.toString(fake.shape())
                    + " does not match the real batch " + Arrays.toString(real.shape()) + " the " + discriminatorName
                    + " reads; the generator must produce samples shaped like the data");
    }

    /** {@return "generator" and the discriminator (under {@link #discriminatorName()}), in that order} */
    public SequencedMap<String, Module> models() {
        SequencedMap<String, Module> m = new LinkedHashMap<>();
        m.put("generator", generator);
        m.put(discriminatorName, discriminator);
        return m;
    }

    /** {@return the two optimizers under their models' names, generator first} */
    public SequencedMap<String, Optimizer> optimizers() {
        SequencedMap<String, Optimizer> m = new LinkedHashMap<>();
        m.put("generator", generatorOptimizer);
        m.put(discriminatorName, discriminatorOptimizer);
        return m;
    }

    /** {@return the noise stream under the name "noise", for checkpoints} */
    public SequencedMap<String, Generator> generators() {
        SequencedMap<String, Generator> m = new LinkedHashMap<>();
        m.put("noise", noise);
        return m;
    }

    /**
     * Turns off the gradients of {@code model}'s parameters until closed: while the generator learns, the
     * discriminator's weights need no gradient (it is only differentiated through), which saves its weight products
     * and leaves its {@code .grad} as its own update left it.
     */
    static Frozen frozen(Module model) {
        var params = model.parameters();
        boolean[] was = new boolean[params.size()];
        for (int i = 0; i < was.length; i++) {
            was[i] = params.get(i).requiresGrad();
            params.get(i).requiresGrad(false);
        }
        return () -> {
            for (int i = 0; i < was.length; i++) params.get(i).requiresGrad(was[i]);
        };
    }

    /** A scope of {@link #frozen}; closing it restores the parameters' flags. */
    interface Frozen extends AutoCloseable {
        @Override
        void close();
    }
}
