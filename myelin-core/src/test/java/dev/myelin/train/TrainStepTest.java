package dev.myelin.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.Dataset;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.io.CheckpointFile;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.SGD;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaceable train steps: a GAN (two models, two optimizers) on a 1-D Gaussian, and two regressors trained
 * alternately with validation, run through the Trainer with its callbacks, history and checkpoints.
 */
class TrainStepTest {
    private static final double LN2 = Math.log(2);

    @TempDir
    Path dir;

    /** 1024 real samples of N(3, 0.5²), each a tensor [1]: a dataset whose samples are not (x, y) pairs. */
    private static Dataset<Tensor> realSamples() {
        Generator g = new Generator(1);
        float[] v = new float[1024];
        for (int i = 0; i < v.length; i++) v[i] = (float) (3 + 0.5 * g.nextGaussian());
        return new Dataset<>() {
            public int size() {
                return v.length;
            }

            public Tensor get(int i) {
                return Tensor.fromArray(new float[] {v[i]}, 1);
            }
        };
    }

    private static DataLoader<Tensor> realLoader() {
        return DataLoader.builder(realSamples(), (List<Tensor> samples) -> Tensor.stack(samples, 0))
                .batchSize(64)
                .shuffle(true)
                .generator(new Generator(3))
                .build();
    }

    @Test
    void ganLearnsTheMeanAndTheHistoryHasBothLossesEveryEpoch() throws IOException {
        GanStep gan = new GanStep(7, 0.03);
        List<Float> batchLosses = new ArrayList<>();
        List<String> lastStepNames = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onBatchEnd(TrainingContext ctx, int epoch, int batch, float loss, int batchSize) {
                batchLosses.add(loss);
                if (lastStepNames.isEmpty()) {
                    lastStepNames.addAll(ctx.lastStep().names());
                    lastStepNames.addAll(ctx.runningMetrics().keySet());
                }
            }
        };
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        History h = Trainer.builder(gan)
                .epochs(30)
                .callback(recorder)
                .callback(new ProgressBarCallback(new PrintStream(progress, true, StandardCharsets.UTF_8)))
                .build()
                .fit(realLoader(), null);

        assertThat(h.epochs()).hasSize(30);
        assertThat(h.stopReason()).isNull();
        assertThat(h.metricName()).isNull();
        assertThat(h.columns())
                .containsExactly(
                        "epoch",
                        "d_loss",
                        "g_loss",
                        "fake_mean",
                        "lr_generator",
                        "lr_discriminator",
                        "seconds",
                        "samples_per_second");
        for (EpochLogs e : h.epochs()) {
            assertThat(e.get("d_loss")).isFinite().isPositive();
            assertThat(e.get("g_loss")).isFinite().isPositive();
            assertThat(e.get("lr_generator")).isEqualTo((double) 0.03f);
            assertThat(e.trainLoss()).isNaN(); // no "loss" column in this run
        }
        // at the equilibrium the discriminator cannot tell: d_loss = 2 ln 2, g_loss = ln 2, and the fakes' mean is the
        // data's
        EpochLogs last = h.last();
        assertThat(last.get("d_loss")).isCloseTo(2 * LN2, within(0.05));
        assertThat(last.get("g_loss")).isCloseTo(LN2, within(0.05));
        double[] means = h.series("fake_mean");
        double recent = 0;
        for (int i = 25; i < 30; i++) recent += means[i] / 5;
        assertThat(recent).isCloseTo(3.0, within(0.2));
        assertThat(means[0]).isLessThan(0);

        // callbacks see every batch (no "loss": NaN) and the step's own names
        assertThat(batchLosses).hasSize(30 * 16).allSatisfy(l -> assertThat(l).isNaN());
        assertThat(lastStepNames).containsExactly("d_loss", "g_loss", "fake_mean", "d_loss", "g_loss", "fake_mean");
        assertThat(last.summaryLine(30))
                .matches("epoch 30/30  d_loss \\d\\.\\d{4}  g_loss \\d\\.\\d{4}  fake_mean \\d\\.\\d{4}  .*samples/s");

        assertThat(progress.toString(StandardCharsets.UTF_8))
                .containsPattern("epoch 30/30  d_loss \\d\\.\\d{4}  g_loss ");

        Path csv = dir.resolve("history.csv"), json = dir.resolve("history.json");
        h.writeCsv(csv);
        h.writeJson(json);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(31);
        assertThat(lines.get(0))
                .isEqualTo("epoch,d_loss,g_loss,fake_mean,lr_generator,lr_discriminator,seconds,samples_per_second");
        assertThat(lines.get(30)).startsWith("30," + last.get("d_loss") + "," + last.get("g_loss") + ",");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("epochs").get(29).get("g_loss").asDouble()).isEqualTo(last.get("g_loss"));
    }

    /** Both models' weights after every epoch, by model name. */
    private static final class StateLog implements Callback {
        final List<Map<String, Map<String, float[]>>> states = new ArrayList<>();

        @Override
        public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
            states.add(states(ctx.models()));
        }
    }

    private static Map<String, Map<String, float[]>> states(Map<String, Module> models) {
        Map<String, Map<String, float[]>> all = new LinkedHashMap<>();
        models.forEach((name, m) -> {
            Map<String, float[]> s = new LinkedHashMap<>();
            m.stateDict().forEach((k, v) -> s.put(k, v.data().clone()));
            all.put(name, s);
        });
        return all;
    }

    @Test
    void earlyStoppingOnTheGeneratorLossStopsAndRestoresBothModelsOfTheBestEpoch() {
        GanStep gan = new GanStep(7, 0.03);
        StateLog log = new StateLog();
        EarlyStopping es = new EarlyStopping("g_loss", 3, 0, true);
        History h = Trainer.builder(gan)
                .epochs(30)
                .callback(log)
                .callback(es)
                .build()
                .fit(realLoader(), null);

        int best = es.bestEpoch();
        assertThat(h.epochs()).hasSizeLessThan(30).hasSize(best + 3);
        assertThat(h.bestEpoch()).isEqualTo(best);
        double[] g = h.series("g_loss");
        assertThat(es.bestValue()).isEqualTo(g[best - 1]);
        for (int i = best; i < g.length; i++) assertThat(g[i]).isGreaterThanOrEqualTo(g[best - 1]);
        assertThat(h.stopReason())
                .startsWith("early stopping: g_loss did not improve for 3 epochs (best " + g[best - 1] + " at epoch "
                        + best + ")");
        // the weights of both models are those logged at the best epoch, not those of the last
        Map<String, Map<String, float[]>> now = states(gan.models());
        assertThat(now.keySet()).containsExactly("generator", "discriminator");
        for (String model : now.keySet())
            now.get(model).forEach((k, v) -> {
                assertThat(v)
                        .as("%s.%s", model, k)
                        .containsExactly(log.states.get(best - 1).get(model).get(k));
                assertThat(v)
                        .as("%s.%s differs at the last epoch", model, k)
                        .isNotEqualTo(
                                log.states.get(h.epochs().size() - 1).get(model).get(k));
            });
    }

    @Test
    void aCheckpointHoldsBothModelsAndBothOptimizers() throws IOException {
        Path file = dir.resolve("gan.safetensors");
        GanStep gan = new GanStep(7, 0.03);
        Path best = dir.resolve("best.safetensors");
        History h = Trainer.builder(gan)
                .epochs(6)
                .callback(new ModelCheckpoint(file, null))
                .callback(new ModelCheckpoint(best, "g_loss"))
                .build()
                .fit(realLoader(), null);
        // the monitored checkpoint was last written at the epoch of the lowest g_loss
        double[] g = h.series("g_loss");
        int argmin = 0;
        for (int i = 1; i < g.length; i++) if (g[i] < g[argmin]) argmin = i;
        assertThat(CheckpointFile.load(best, new GanStep(1, 0.1).models(), new GanStep(1, 0.1).optimizers()))
                .containsEntry("myelin.epoch", Integer.toString(argmin + 1));

        GanStep fresh = new GanStep(99, 0.001);
        assertThat(fresh.generator.weight().data())
                .isNotEqualTo(gan.generator.weight().data());
        Map<String, String> meta = CheckpointFile.load(file, fresh.models(), fresh.optimizers());
        assertThat(meta)
                .containsEntry("myelin.models", "generator,discriminator")
                .containsEntry("myelin.optimizers", "generator,discriminator")
                .containsEntry("myelin.epoch", "6");
        assertThat(states(fresh.models())).usingRecursiveComparison().isEqualTo(states(gan.models()));
        for (String name : List.of("generator", "discriminator")) {
            Map<String, Tensor> saved = gan.optimizers().get(name).stateDict(),
                    loaded = fresh.optimizers().get(name).stateDict();
            assertThat(loaded.keySet()).as(name).isEqualTo(saved.keySet()).contains("state.0.exp_avg");
            saved.forEach((k, v) ->
                    assertThat(loaded.get(k).data()).as("%s %s", name, k).containsExactly(v.data()));
        }
        assertThat(fresh.optG.learningRate()).isEqualTo((double) 0.03f); // the hyperparameters came back too
        try (NoGrad ignored = NoGrad.enter()) {
            Tensor z = Tensor.randn(new Generator(5), 8, 1);
            assertThat(fresh.generator.forward(z).data())
                    .containsExactly(gan.generator.forward(z).data());
            assertThat(fresh.discriminator.forward(z).data())
                    .containsExactly(gan.discriminator.forward(z).data());
        }
    }

    /**
     * Two regressors trained alternately: a fits y, then b fits what a leaves (y − a(x)). Validation reports a's
     * loss and the loss of the sum a + b; it records the mode and grad state it ran in.
     */
    private static final class Residual implements TrainStep<Batch> {
        final Linear a;
        final MLP b;
        final SGD optA, optB;
        final MSELoss mse = new MSELoss();
        final List<String> validationStates = new ArrayList<>();

        Residual(Generator gen) {
            a = new Linear(1, 1, true, gen);
            b = new MLP(1, List.of(8), 1, gen);
            optA = new SGD(a.parameters(), 0.1);
            optB = new SGD(b.parameters(), 0.1);
        }

        @Override
        public StepMetrics step(Batch batch, TrainingContext ctx) {
            Tensor x = batch.inputs(), y = batch.targets();
            Tensor la = mse.forward(a.forward(x), y);
            optA.zeroGrad();
            la.backward();
            optA.step();
            Tensor lb = mse.forward(b.forward(x), y.sub(a.forward(x).detach()));
            optB.zeroGrad();
            lb.backward();
            optB.step();
            return StepMetrics.of(batch.size()).mean("a_loss", la.item()).mean("b_loss", lb.item());
        }

        @Override
        public StepMetrics validate(Batch batch, TrainingContext ctx) {
            validationStates.add(
                    "training=" + a.isTraining() + "/" + b.isTraining() + " grad=" + NoGrad.isGradEnabled());
            Tensor x = batch.inputs(), y = batch.targets(), ax = a.forward(x);
            return StepMetrics.of(batch.size())
                    .mean("a_loss", mse.forward(ax, y).item())
                    .mean("loss", mse.forward(ax.add(b.forward(x)), y).item());
        }

        @Override
        public List<String> metricNames() {
            return List.of("a_loss", "b_loss");
        }

        @Override
        public List<String> validationNames() {
            return List.of("a_loss", "loss");
        }

        @Override
        public SequencedMap<String, Module> models() {
            SequencedMap<String, Module> m = new LinkedHashMap<>();
            m.put("a", a);
            m.put("b", b);
            return m;
        }

        @Override
        public SequencedMap<String, Optimizer> optimizers() {
            SequencedMap<String, Optimizer> m = new LinkedHashMap<>();
            m.put("a", optA);
            m.put("b", optB);
            return m;
        }
    }

    @Test
    void aCustomStepsValidationIsLoggedWithValPrefixesInEvalModeWithoutGradients() {
        Generator gen = new Generator(2);
        Tensor x = Tensor.randn(gen, 48, 1);
        TensorDataset data = new TensorDataset(x, x.mul(2f).add(1f).add(x.mul(x).mul(0.5f)));
        Residual step = new Residual(gen);
        EarlyStopping es = new EarlyStopping("val_loss", 1, 0, false);
        Trainer<Batch> trainer = Trainer.builder(step).epochs(10).callback(es).build();
        DataLoader<Batch> train = DataLoader.builder(data).batchSize(16).build(),
                val = DataLoader.builder(data).batchSize(48).build();
        History h = trainer.fit(train, val);

        assertThat(h.columns())
                .containsExactly(
                        "epoch",
                        "a_loss",
                        "b_loss",
                        "val_a_loss",
                        "val_loss",
                        "lr_a",
                        "lr_b",
                        "seconds",
                        "samples_per_second");
        int epochs = h.epochs().size();
        assertThat(epochs).isLessThan(10).isEqualTo(es.bestEpoch() + 1);
        assertThat(h.stopReason()).startsWith("early stopping: val_loss did not improve for 1 epochs");
        assertThat(step.validationStates).hasSize(epochs).containsOnly("training=false/false grad=false");
        assertThat(step.a.isTraining()).isTrue();
        assertThat(step.b.isTraining()).isTrue();
        double[] valLoss = h.series("val_loss"), valA = h.series("val_a_loss");
        for (int i = 0; i < epochs; i++) assertThat(valLoss[i]).isLessThan(valA[i]); // b explains part of what a leaves
        // the last epoch's validation is the trainer's evaluation of the final weights
        Trainer.Evaluation ev = trainer.evaluate(val);
        assertThat(ev.values().keySet()).containsExactly("a_loss", "loss");
        assertThat(ev.loss()).isEqualTo(valLoss[epochs - 1]);
        assertThat(ev.get("a_loss")).isEqualTo(valA[epochs - 1]);
        assertThat(ev.metric()).isNaN();
        assertThat(ev.samples()).isEqualTo(48);
        // without a validation loader the val_ columns are NaN
        History noVal = Trainer.builder(new Residual(new Generator(2)))
                .epochs(1)
                .build()
                .fit(train, null);
        assertThat(noVal.last().get("val_loss")).isNaN();
        assertThat(noVal.last().get("b_loss")).isFinite();
    }

    /** The default step built by hand runs exactly as the builder's shorthand. */
    @Test
    void anExplicitSupervisedStepMatchesTheBuilderShorthand() {
        double[][] shorthand = supervisedRun(false), explicit = supervisedRun(true);
        assertThat(explicit).isDeepEqualTo(shorthand);
    }

    private static double[][] supervisedRun(boolean explicit) {
        Generator gen = new Generator(4);
        TensorDataset data = SyntheticData.twoMoons(120, 0.2, new Generator(0));
        MLP model = new MLP(2, List.of(8), 2, gen);
        Adam adam = new Adam(model.parameters(), 0.01);
        Trainer<Batch> trainer = explicit
                ? Trainer.builder(
                                new SupervisedStep(model, new CrossEntropyLoss(), adam, BatchMetric.accuracy(0.5f), 0))
                        .epochs(3)
                        .build()
                : Trainer.builder()
                        .model(model)
                        .loss(new CrossEntropyLoss())
                        .optimizer(adam)
                        .metric(BatchMetric.accuracy(0.5f))
                        .epochs(3)
                        .build();
        History h = trainer.fit(
                DataLoader.builder(data)
                        .batchSize(32)
                        .shuffle(true)
                        .generator(new Generator(1))
                        .build(),
                DataLoader.builder(data).batchSize(60).build());
        assertThat(h.columns())
                .containsExactly(
                        "epoch",
                        "loss",
                        "total_error",
                        "metric",
                        "val_loss",
                        "val_metric",
                        "lr",
                        "seconds",
                        "samples_per_second");
        return new double[][] {
            h.series("loss"),
            h.series("total_error"),
            h.series("accuracy"),
            h.series("val_loss"),
            h.series("val_accuracy")
        };
    }

    @Test
    void aNonFiniteLossOfACustomStepStopsTrainingWithoutLoggingThatEpoch() {
        GanStep gan = new GanStep(7, 0.03);
        TrainStep<Tensor> breaking = new TrainStep<>() {
            @Override
            public StepMetrics step(Tensor batch, TrainingContext ctx) {
                StepMetrics m = gan.step(batch, ctx);
                if (ctx.epoch() < 2 || ctx.batch() < 3) return m;
                return StepMetrics.of(m.samples())
                        .mean("d_loss", m.get("d_loss"))
                        .mean("g_loss", Double.NaN)
                        .mean("fake_mean", m.get("fake_mean"));
            }

            @Override
            public List<String> metricNames() {
                return gan.metricNames();
            }

            @Override
            public SequencedMap<String, Module> models() {
                return gan.models();
            }

            @Override
            public SequencedMap<String, Optimizer> optimizers() {
                return gan.optimizers();
            }
        };
        History h = Trainer.builder(breaking).epochs(5).build().fit(realLoader(), null);
        assertThat(h.stopReason()).isEqualTo("g_loss became NaN at epoch 2, batch 3; try a lower learning rate");
        assertThat(h.diverged()).isTrue();
        assertThat(h.epochs()).hasSize(1);
    }

    @Test
    void misconfiguredStepsFailFastWithTheirNames() {
        GanStep gan = new GanStep(7, 0.03);
        Linear other = new Linear(1, 1, new Generator(0));
        assertThatThrownBy(() -> Trainer.builder(gan).loss(new MSELoss()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GanStep")
                .hasMessageContaining("default step");
        assertThatThrownBy(() -> Trainer.builder(gan).model(other).build()).isInstanceOf(IllegalStateException.class);
        // a GAN does not validate: a validation loader is a mistake, not something to skip silently
        assertThatThrownBy(() -> Trainer.builder(gan).epochs(1).build().fit(realLoader(), realLoader()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GanStep does not validate");
        assertThatThrownBy(() -> Trainer.builder(gan).build().evaluate(realLoader()))
                .isInstanceOf(IllegalStateException.class);
        // names that would clash with the trainer's own columns
        for (List<String> names :
                List.of(List.of("lr"), List.of("val_x"), List.of("a", "a"), List.of("total_error"), List.<String>of()))
            assertThatThrownBy(() -> Trainer.builder(renamed(gan, names)).build())
                    .as("%s", names)
                    .isInstanceOf(IllegalArgumentException.class);
        // a step must return what it declares
        assertThatThrownBy(() -> Trainer.builder(renamed(gan, List.of("d_loss", "g_loss")))
                        .epochs(1)
                        .build()
                        .fit(realLoader(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "returned [d_loss, g_loss, fake_mean] at epoch 1, batch 1 but its metricNames() are [d_loss, g_loss]");
        // with two models, the one-model accessors say what to use instead
        Callback oneModel = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext ctx) {
                ctx.model();
            }
        };
        assertThatThrownBy(() -> Trainer.builder(gan).callback(oneModel).build().fit(realLoader(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this run has 2 models [generator, discriminator]; use models()");
        assertThatThrownBy(() -> Trainer.builder(gan)
                        .callback(new EarlyStopping("gloss", 1, 0, false))
                        .build()
                        .fit(realLoader(), null))
                .hasMessage(
                        "unknown monitor 'gloss'; this run logs d_loss, g_loss, fake_mean, lr_generator, lr_discriminator");
    }

    private static TrainStep<Tensor> renamed(GanStep gan, List<String> names) {
        return new TrainStep<>() {
            @Override
            public StepMetrics step(Tensor batch, TrainingContext ctx) {
                return gan.step(batch, ctx);
            }

            @Override
            public List<String> metricNames() {
                return names;
            }

            @Override
            public SequencedMap<String, Module> models() {
                return gan.models();
            }

            @Override
            public SequencedMap<String, Optimizer> optimizers() {
                return gan.optimizers();
            }
        };
    }

    @Test
    void stepMetricsWeighBatchesBySizeAndRejectDuplicates() {
        StepMetrics m = StepMetrics.of(4).mean("loss", 0.5).sum("correct", 3);
        assertThat(m.names()).containsExactly("loss", "correct");
        assertThat(m.get("loss")).isEqualTo(0.5);
        assertThat(m.sumOf("loss")).isEqualTo(2.0);
        assertThat(m.get("correct")).isEqualTo(0.75);
        assertThat(m.sumOf("correct")).isEqualTo(3.0);
        assertThatThrownBy(() -> m.mean("loss", 1)).hasMessageContaining("'loss' is given twice");
        assertThatThrownBy(() -> StepMetrics.of(0)).hasMessageContaining("samples must be >= 1, got 0");
        assertThatThrownBy(() -> m.get("nope")).hasMessageContaining("no metric 'nope'");
    }
}
