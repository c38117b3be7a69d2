package dev.myelin.train.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.optim.SGD;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import dev.myelin.train.History;
import dev.myelin.train.ModelCheckpoint;
import dev.myelin.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The non-saturating GAN step: who updates what, its losses by hand, determinism, checkpoints and bad input. */
class GanStepTest {
    @TempDir
    Path dir;

    private static Linear linear(float w, float b) {
        Linear l = new Linear(1, 1, new Generator(0));
        try (var off = NoGrad.enter()) {
            l.parameter("weight").data()[0] = w;
            l.parameter("bias").data()[0] = b;
        }
        return l;
    }

    /** All of a model's parameter values, in order. */
    static float[] values(Module m) {
        int n = 0;
        for (var p : m.parameters()) n += p.numel();
        float[] out = new float[n];
        int at = 0;
        for (var p : m.parameters()) {
            float[] a = p.toArray();
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }

    private static Batch batch(float... x) {
        return new Batch(Tensor.fromArray(x, x.length, 1), Tensor.zeros(x.length));
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void lossesAndUpdatesMatchAHandComputation() {
        // G(z) = a z + b, D(x) = w x + c, plain SGD with lr 0.1 for both; the noise is the step's own stream
        double a = 0.5, b = 0.1, w = 0.8, c = -0.2, lr = 0.1;
        Linear g = linear((float) a, (float) b), d = linear((float) w, (float) c);
        GanStep step = new GanStep(g, d, new SGD(g.parameters(), lr), new SGD(d.parameters(), lr), 1, new Generator(7));
        double[] x = {1.0, 2.0};
        var m = step.step(batch(1f, 2f), null);

        float[] z = Tensor.randn(new Generator(7), 2, 1).toArray();
        double[] f = {a * z[0] + b, a * z[1] + b};
        double dLoss = 0, dw = 0, dc = 0, dReal = 0, dFake = 0;
        for (int i = 0; i < 2; i++) {
            double lr_ = w * x[i] + c, lf = w * f[i] + c;
            dLoss += (softplus(-lr_) + softplus(lf)) / 2; // BCE(D(x), 1) + BCE(D(G(z)), 0), batch means
            dw += ((sigmoid(lr_) - 1) * x[i] + sigmoid(lf) * f[i]) / 2;
            dc += ((sigmoid(lr_) - 1) + sigmoid(lf)) / 2;
            dReal += sigmoid(lr_) / 2;
            dFake += sigmoid(lf) / 2;
        }
        double w2 = w - lr * dw, c2 = c - lr * dc; // the discriminator moves first
        double gLoss = 0, da = 0, db = 0;
        for (int i = 0; i < 2; i++) {
            double l = w2 * f[i] + c2;
            gLoss += softplus(-l) / 2; // −log σ(D(G(z))): the non-saturating loss
            da += (sigmoid(l) - 1) * w2 * z[i] / 2;
            db += (sigmoid(l) - 1) * w2 / 2;
        }
        assertThat(m.get("d_loss")).isCloseTo(dLoss, within(1e-6));
        assertThat(m.get("g_loss")).isCloseTo(gLoss, within(1e-6));
        assertThat(m.get("d_real")).isCloseTo(dReal, within(1e-6));
        assertThat(m.get("d_fake")).isCloseTo(dFake, within(1e-6));
        assertThat((double) d.parameter("weight").item()).isCloseTo(w2, within(1e-6));
        assertThat((double) d.parameter("bias").item()).isCloseTo(c2, within(1e-6));
        assertThat((double) g.parameter("weight").item()).isCloseTo(a - lr * da, within(1e-6));
        assertThat((double) g.parameter("bias").item()).isCloseTo(b - lr * db, within(1e-6));
        // the discriminator's .grad is what its own loss left: the generator's update did not add to it
        assertThat((double) d.parameter("weight").grad().item()).isCloseTo(dw, within(1e-6));
        assertThat((double) d.parameter("bias").grad().item()).isCloseTo(dc, within(1e-6));
    }

    @Test
    void eachModelMovesOnlyThroughItsOwnOptimizer() {
        Generator gen = new Generator(1);
        MLP g = new MLP(2, List.of(8), 2, gen), d = new MLP(2, List.of(8), 1, gen);
        float[] g0 = values(g), d0 = values(d);
        // the discriminator's optimizer has learning rate 0: only the generator may change
        new GanStep(g, d, new Adam(g.parameters(), 0.1), new SGD(d.parameters(), 0), 2, new Generator(2))
                .step(new Batch(Tensor.randn(gen, 16, 2), Tensor.zeros(16)), null);
        assertThat(values(d)).containsExactly(d0);
        assertThat(values(g)).isNotEqualTo(g0);
        float[] g1 = values(g);
        new GanStep(g, d, new SGD(g.parameters(), 0), new Adam(d.parameters(), 0.1), 2, new Generator(2))
                .step(new Batch(Tensor.randn(gen, 16, 2), Tensor.zeros(16)), null);
        assertThat(values(g)).containsExactly(g1);
        assertThat(values(d)).isNotEqualTo(d0);
    }

    @Test
    void anOptimizerOverTheOtherModelsParametersIsRefused() {
        Generator gen = new Generator(1);
        MLP g = new MLP(2, List.of(4), 2, gen), d = new MLP(2, List.of(4), 1, gen);
        assertThatThrownBy(() -> new GanStep(g, d, new Adam(d.parameters()), new Adam(d.parameters()), 2, gen))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the generator's optimizer holds a parameter of the discriminator");
        assertThatThrownBy(() -> new GanStep(
                        g,
                        d,
                        new Adam(g.parameters()),
                        new Adam(List.of(d.parameters().get(0), g.parameters().get(0))),
                        2,
                        gen))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the discriminator's optimizer holds a parameter of the generator");
        assertThatThrownBy(() -> new GanStep(g, g, new Adam(g.parameters()), new Adam(g.parameters()), 2, gen))
                .hasMessageContaining("the same module");
    }

    private static Trainer<Batch> ringTrainer(long seed, int epochs, ModelCheckpoint checkpoint) {
        Generator gen = new Generator(seed);
        MLP g = new MLP(4, List.of(16), 2, gen), d = new MLP(2, List.of(16), 1, gen);
        GanStep step = new GanStep(
                g,
                d,
                new Adam(g.parameters(), 1e-3).betas(0.5, 0.999),
                new Adam(d.parameters(), 1e-3).betas(0.5, 0.999),
                4,
                gen.split());
        var b = Trainer.builder(step).epochs(epochs);
        if (checkpoint != null) b.callback(checkpoint);
        return b.build();
    }

    private static DataLoader<Batch> ringLoader(long seed) {
        TensorDataset ring = SyntheticData.gaussianRing(256, 8, 2, 0.02, new Generator(99));
        return DataLoader.builder(ring)
                .batchSize(32)
                .shuffle(true)
                .generator(new Generator(seed + 1))
                .build();
    }

    @Test
    void theTrainerRunsItWithBothLossesInTheHistoryAndOneSeedGivesOneResult() {
        Trainer<Batch> t1 = ringTrainer(5, 3, null), t2 = ringTrainer(5, 3, null), t3 = ringTrainer(6, 3, null);
        History h1 = t1.fit(ringLoader(5), null), h2 = t2.fit(ringLoader(5), null), h3 = t3.fit(ringLoader(6), null);
        assertThat(h1.columns()).contains("d_loss", "g_loss", "d_real", "d_fake", "lr_generator", "lr_discriminator");
        assertThat(h1.series("d_loss")).hasSize(3);
        for (double v : h1.series("d_loss")) assertThat(v).isFinite().isPositive();
        assertThat(h1.series("d_loss")).containsExactly(h2.series("d_loss"));
        assertThat(h1.series("g_loss")).containsExactly(h2.series("g_loss"));
        assertThat(values(t1.step().models().get("generator")))
                .containsExactly(values(t2.step().models().get("generator")));
        assertThat(h3.series("g_loss")).isNotEqualTo(h1.series("g_loss"));
    }

    @Test
    void aCheckpointedFitResumesToTheSameWeights() throws Exception {
        Path file = dir.resolve("gan.safetensors");
        Trainer<Batch> whole = ringTrainer(8, 4, null);
        whole.fit(ringLoader(8), null);
        ringTrainer(8, 2, ModelCheckpoint.everyEpochs(file, 1)).fit(ringLoader(8), null); // stopped after epoch 2
        Trainer<Batch> resumed = ringTrainer(8, 4, ModelCheckpoint.everyEpochs(dir.resolve("again.safetensors"), 1));
        resumed.resume(file, ringLoader(8), null);
        for (String model : List.of("generator", "discriminator"))
            assertThat(values(resumed.step().models().get(model)))
                    .as(model)
                    .containsExactly(values(whole.step().models().get(model)));
    }

    @Test
    void shapeErrorsNameTheModelAndBothShapes() {
        Generator gen = new Generator(1);
        MLP d = new MLP(2, List.of(4), 1, gen);
        MLP g3 = new MLP(4, List.of(4), 3, gen); // makes 3-D points for 2-D data
        assertThatThrownBy(() -> new GanStep(g3, d, new Adam(g3.parameters()), new Adam(d.parameters()), 4, gen)
                        .step(batch2(8), null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("generator output [8, 3]")
                .hasMessageContaining("real batch [8, 2]");
        MLP g = new MLP(4, List.of(4), 2, gen);
        assertThatThrownBy(() -> new GanStep(g, d, new Adam(g.parameters()), new Adam(d.parameters()), 5, gen)
                        .step(batch2(8), null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("generator: cannot run on latent noise of shape [8, 5] (latentDim 5)");
        MLP d2 = new MLP(2, List.of(4), 2, gen); // two outputs per sample
        assertThatThrownBy(() -> new GanStep(g, d2, new Adam(g.parameters()), new Adam(d2.parameters()), 4, gen)
                        .step(batch2(8), null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("discriminator: expected one logit per sample, shape [8, 1] or [8]")
                .hasMessageContaining("got [8, 2]");
        assertThatThrownBy(() -> new GanStep(g, d, new Adam(g.parameters()), new Adam(d.parameters()), 0, gen))
                .hasMessageContaining("latentDim must be >= 1, got 0");
    }

    private static Batch batch2(int n) {
        return new Batch(Tensor.randn(new Generator(3), n, 2), Tensor.zeros(n));
    }
}
