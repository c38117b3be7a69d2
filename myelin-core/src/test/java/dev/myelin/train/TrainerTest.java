package dev.myelin.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Activation;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.optim.SGD;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training loop: learning, per-epoch logs, the course's total error, callback order, NaN stop, determinism. */
class TrainerTest {

    @Test
    void lossDecreasesOnTwoMoonsAndHistoryHasOneEntryPerEpoch() {
        Generator gen = new Generator(3);
        TensorDataset all = SyntheticData.twoMoons(400, 0.1, gen);
        TensorDataset train = all.subset(range(0, 300)), val = all.subset(range(300, 400));
        MLP model = new MLP(2, List.of(16), 2, Activation.TANH, gen);
        Trainer<Batch> trainer = Trainer.builder()
                .model(model)
                .loss(new CrossEntropyLoss())
                .optimizer(new Adam(model.parameters(), 0.02))
                .epochs(15)
                .metric(BatchMetric.accuracy(0.5f))
                .build();
        History h = trainer.fit(loader(train, 32, true, 1), loader(val, 64, false, 0));

        assertThat(h.epochs()).hasSize(15);
        assertThat(h.stopReason()).isNull();
        assertThat(h.metricName()).isEqualTo("accuracy");
        for (int i = 0; i < 15; i++) {
            EpochLogs e = h.epochs().get(i);
            assertThat(e.epoch()).isEqualTo(i + 1);
            assertThat(e.trainLoss()).isFinite().isPositive();
            assertThat(e.valLoss()).isFinite().isPositive();
            assertThat(e.trainMetric()).isBetween(0.0, 1.0);
            assertThat(e.valMetric()).isBetween(0.0, 1.0);
            assertThat(e.totalError()).isCloseTo(e.trainLoss() * 300, within(1e-9 * e.totalError()));
            assertThat(e.learningRate()).isEqualTo((double) 0.02f); // optimizers keep lr in float32
        }
        assertThat(h.last().trainLoss()).isLessThan(0.5 * h.epochs().get(0).trainLoss());
        assertThat(h.last().valLoss()).isLessThan(h.epochs().get(0).valLoss());
        assertThat(h.last().valMetric()).isGreaterThan(0.85);
        // the validation numbers are those of Trainer.evaluate on the final weights
        Trainer.Evaluation ev = trainer.evaluate(loader(val, 7, false, 0));
        assertThat(ev.loss()).isCloseTo(h.last().valLoss(), within(1e-5));
        assertThat(ev.metric()).isCloseTo(h.last().valMetric(), within(1e-12));
        assertThat(ev.samples()).isEqualTo(100);
        assertThat(model.isTraining()).isTrue(); // evaluate puts the mode back
    }

    /**
     * total_error is Σ over all examples of the per-example loss, each computed with the weights current
     * at its batch: replayed here by hand for y = w·x + b, squared error, plain SGD, no shuffling.
     */
    @Test
    void totalErrorIsTheSumOfPerExampleLossesWhetherOrNotTheBatchSizeDividesN() {
        for (int batchSize : new int[] {5, 2, 3, 1}) {
            float[] x = {1, 2, -1, 0.5f, 3}, y = {2, 3.5f, -1, 1, 5};
            Linear model = new Linear(1, 1, true, new Generator(0));
            try (var ignored = NoGrad.enter()) {
                model.weight().data()[0] = 0.3f;
                model.bias().data()[0] = -0.2f;
            }
            double lr = 0.05;
            Trainer<Batch> trainer = Trainer.builder()
                    .model(model)
                    .loss(new MSELoss())
                    .optimizer(new SGD(model.parameters(), lr))
                    .epochs(3)
                    .build();
            TensorDataset data = new TensorDataset(Tensor.fromArray(x, 5, 1), Tensor.fromArray(y, 5, 1));
            History h = trainer.fit(loader(data, batchSize, false, 0), null);

            double w = 0.3, b = -0.2;
            for (int epoch = 0; epoch < 3; epoch++) {
                double total = 0;
                for (int from = 0; from < 5; from += batchSize) {
                    int to = Math.min(5, from + batchSize), n = to - from;
                    double gw = 0, gb = 0;
                    for (int i = from; i < to; i++) {
                        double r = w * x[i] + b - y[i];
                        total += r * r;
                        gw += 2 * r * x[i] / n;
                        gb += 2 * r / n;
                    }
                    w -= lr * gw;
                    b -= lr * gb;
                }
                EpochLogs e = h.epochs().get(epoch);
                assertThat(e.totalError())
                        .as("batch size %d, epoch %d", batchSize, epoch + 1)
                        .isCloseTo(total, within(1e-5 * total));
                assertThat(e.trainLoss()).isCloseTo(total / 5, within(1e-5 * total));
                assertThat(e.get("total_error")).isEqualTo(e.totalError());
                assertThat(e.valLoss()).isNaN();
                assertThat(e.trainMetric()).isNaN();
            }
            assertThat((double) model.weight().data()[0]).isCloseTo(w, within(1e-5));
            assertThat((double) model.bias().data()[0]).isCloseTo(b, within(1e-5));
        }
    }

    @Test
    void callbacksSeeBeginEpochBatchAndEndInOrder() {
        TensorDataset data = SyntheticData.twoMoons(50, 0.1, new Generator(1));
        MLP model = new MLP(2, List.of(4), 2, new Generator(2));
        List<String> events = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext ctx) {
                events.add("begin " + ctx.epochs() + " " + ctx.batchesPerEpoch() + " " + ctx.samplesPerEpoch());
            }

            @Override
            public void onEpochBegin(TrainingContext ctx, int epoch) {
                events.add("epoch " + epoch);
            }

            @Override
            public void onBatchEnd(TrainingContext ctx, int epoch, int batch, float loss, int batchSize) {
                events.add("batch " + epoch + "." + batch + " n=" + batchSize);
            }

            @Override
            public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
                events.add("end epoch " + logs.epoch());
            }

            @Override
            public void onTrainEnd(TrainingContext ctx, History history) {
                events.add("end " + history.epochs().size());
            }
        };
        Trainer.builder()
                .model(model)
                .loss(new CrossEntropyLoss())
                .optimizer(new SGD(model.parameters(), 0.1))
                .epochs(2)
                .callback(recorder)
                .build()
                .fit(loader(data, 20, true, 5), null);
        assertThat(events)
                .containsExactly(
                        "begin 2 3 50",
                        "epoch 1",
                        "batch 1.1 n=20",
                        "batch 1.2 n=20",
                        "batch 1.3 n=10",
                        "end epoch 1",
                        "epoch 2",
                        "batch 2.1 n=20",
                        "batch 2.2 n=20",
                        "batch 2.3 n=10",
                        "end epoch 2",
                        "end 2");
    }

    @Test
    void aCallbackCanStopTrainingAfterABatch() {
        TensorDataset data = SyntheticData.twoMoons(50, 0.1, new Generator(1));
        MLP model = new MLP(2, List.of(4), 2, new Generator(2));
        int[] batches = {0};
        Callback stopper = new Callback() {
            @Override
            public void onBatchEnd(TrainingContext ctx, int epoch, int batch, float loss, int batchSize) {
                batches[0]++;
                if (epoch == 2 && batch == 1) ctx.stop("enough");
            }
        };
        History h = Trainer.builder()
                .model(model)
                .loss(new CrossEntropyLoss())
                .optimizer(new SGD(model.parameters(), 0.1))
                .epochs(5)
                .callback(stopper)
                .build()
                .fit(loader(data, 10, false, 0), null);
        assertThat(batches[0]).isEqualTo(6);
        assertThat(h.epochs()).hasSize(2);
        assertThat(h.epochs().get(1).totalError() / h.epochs().get(1).trainLoss())
                .isCloseTo(10, within(1e-9));
        assertThat(h.stopReason()).isEqualTo("enough");
        assertThat(h.diverged()).isFalse();
    }

    @Test
    void aDivergingLossStopsWithTheEpochBatchAndAHint() {
        Generator gen = new Generator(4);
        Tensor xs = Tensor.randn(gen, 64, 3).mul(Tensor.scalar(100f));
        TensorDataset data = new TensorDataset(xs, xs.sum(1, true));
        MLP model = new MLP(3, List.of(8), 1, gen);
        History h = Trainer.builder()
                .model(model)
                .loss(new MSELoss())
                .optimizer(new SGD(model.parameters(), 1e6))
                .epochs(50)
                .callback(new EarlyStopping("loss", 100, 0, true))
                .build()
                .fit(loader(data, 8, false, 0), null);
        assertThat(h.stopReason())
                .matches(
                        "loss became (NaN|Infinity) at epoch \\d+, batch \\d+ \\(learning rate 1\\.00e\\+06\\); try a lower learning rate");
        assertThat(h.diverged()).isTrue();
        assertThat(h.epochs().size()).isLessThan(50);
        // no partial epoch: every logged epoch ran all its batches with a finite loss
        for (EpochLogs e : h.epochs()) assertThat(e.trainLoss()).isFinite();
        int epoch = Integer.parseInt(h.stopReason().replaceAll(".* at epoch (\\d+),.*", "$1"));
        assertThat(h.epochs()).hasSize(epoch - 1);
    }

    /** Reports the losses it is given, one per batch: a loss curve without a model. */
    private static final class ScriptedStep implements TrainStep<Batch> {
        private final double[] losses;
        private int next;

        ScriptedStep(double... losses) {
            this.losses = losses;
        }

        @Override
        public StepMetrics step(Batch batch, TrainingContext ctx) {
            return StepMetrics.of(batch.size()).mean("loss", losses[next++]);
        }

        @Override
        public java.util.List<String> metricNames() {
            return java.util.List.of("loss");
        }

        @Override
        public java.util.SequencedMap<String, dev.myelin.nn.Module> models() {
            return new java.util.LinkedHashMap<>();
        }

        @Override
        public java.util.SequencedMap<String, dev.myelin.optim.Optimizer> optimizers() {
            return new java.util.LinkedHashMap<>();
        }
    }

    @Test
    void aLossThatGrowsPastTheBoundStopsTheFitAsDiverged() {
        TensorDataset data = new TensorDataset(Tensor.zeros(4, 1), Tensor.zeros(4, 1));
        // 2.3 (an untrained classifier's cross-entropy), then up to 1e14: finite all the way, diverged all the same
        History h = Trainer.builder(new ScriptedStep(2.3, 1.5, 40, 2.3e4, 1e14, 1, 1, 1))
                .epochs(2)
                .build()
                .fit(loader(data, 1, false, 0), null);
        assertThat(h.diverged()).isTrue();
        assertThat(h.stopReason())
                .isEqualTo(
                        "loss grew to 1.000e+14 at epoch 2, batch 1, more than 1.000e+04 times its first value 2.300;"
                                + " the training diverged: try a lower learning rate");
        assertThat(h.epochs()).hasSize(1);

        History unbounded = Trainer.builder(new ScriptedStep(2.3, 1.5, 40, 2.3e4, 1e14, 1, 1, 1))
                .epochs(2)
                .divergenceFactor(Double.POSITIVE_INFINITY)
                .build()
                .fit(loader(data, 1, false, 0), null);
        assertThat(unbounded.diverged()).isFalse();
        History negativeStart = Trainer.builder(new ScriptedStep(-2, 5, 1e6, 1e9, 1, 1, 1, 1))
                .epochs(2)
                .build()
                .fit(loader(data, 1, false, 0), null);
        assertThat(negativeStart.diverged())
                .as("no bound relative to a start that is not positive")
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Trainer.builder(new ScriptedStep(1)).divergenceFactor(1))
                .hasMessageContaining("divergenceFactor must be > 1");
    }

    @Test
    void progressBarEndsEachEpochWithASummaryLine() {
        TensorDataset data = SyntheticData.twoMoons(60, 0.1, new Generator(1));
        MLP model = new MLP(2, List.of(4), 2, new Generator(2));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        Trainer.builder()
                .model(model)
                .loss(new CrossEntropyLoss())
                .optimizer(new SGD(model.parameters(), 0.1))
                .epochs(2)
                .metric(BatchMetric.accuracy(0.5f))
                .callback(new ProgressBarCallback(out))
                .build()
                .fit(loader(data, 16, false, 0), loader(data, 60, false, 0));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text)
                .containsPattern(
                        "epoch 1/2  loss \\d\\.\\d{4}  metric \\d\\.\\d{4}  val_loss \\d\\.\\d{4}  val_metric \\d\\.\\d{4}")
                .contains("epoch 2/2  loss")
                .contains("samples/s");
    }

    /** Shuffling and dropout both draw from seeded generators: two runs agree bit for bit, another seed does not. */
    @Test
    void sameSeedGivesBitIdenticalHistoryWithShufflingAndDropout() {
        double[] a = runWithDropout(11), b = runWithDropout(11), c = runWithDropout(12);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }

    private static double[] runWithDropout(long seed) {
        Generator gen = new Generator(seed);
        TensorDataset data = SyntheticData.twoMoons(200, 0.2, new Generator(0));
        Sequential model = new Sequential(
                new Linear(2, 32, true, gen), new ReLU(), new Dropout(0.3, gen.split()), new Linear(32, 2, true, gen));
        History h = Trainer.builder()
                .model(model)
                .loss(new CrossEntropyLoss())
                .optimizer(new Adam(model.parameters(), 0.01))
                .epochs(4)
                .metric(BatchMetric.accuracy(0.5f))
                .build()
                .fit(loader(data, 16, true, seed), loader(data, 50, false, 0));
        double[] out = new double[h.epochs().size() * 4];
        for (int i = 0; i < h.epochs().size(); i++) {
            EpochLogs e = h.epochs().get(i);
            out[4 * i] = e.trainLoss();
            out[4 * i + 1] = e.totalError();
            out[4 * i + 2] = e.valLoss();
            out[4 * i + 3] = e.trainMetric();
        }
        return out;
    }

    static DataLoader<Batch> loader(TensorDataset data, int batchSize, boolean shuffle, long seed) {
        return DataLoader.builder(data)
                .batchSize(batchSize)
                .shuffle(shuffle)
                .generator(new Generator(seed))
                .build();
    }

    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
