package dev.myelin.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.io.ModelFile;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.optim.OneCycleLR;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.ReduceLROnPlateau;
import dev.myelin.optim.SGD;
import dev.myelin.optim.StepLR;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping, checkpoints, learning-rate schedules and the history files. Most tests use y = w·x
 * trained towards w = 2 (full batch, SGD lr 0.2, w moves a quarter of the way each epoch: 0.5, 0.875,
 * 1.156, 1.367, ...) but validated against w = 1, so val_loss is lowest at epoch 2 and rises after it.
 */
class CallbacksTest {
    @TempDir
    Path dir;

    private Linear model;
    private Optimizer optimizer;

    private Trainer.Builder<Batch> overshooting(double lr) {
        model = new Linear(1, 1, false, new Generator(0));
        try (var ignored = NoGrad.enter()) {
            model.weight().data()[0] = 0f;
        }
        optimizer = new SGD(model.parameters(), lr);
        return Trainer.builder().model(model).loss(new MSELoss()).optimizer(optimizer);
    }

    private History fitOvershooting(Trainer.Builder<Batch> b) {
        float[] x = {-1, -0.5f, 0.5f, 1};
        Tensor xs = Tensor.fromArray(x, 4, 1);
        DataLoader<Batch> train = DataLoader.builder(new TensorDataset(xs, xs.mul(2f)))
                .batchSize(4)
                .build();
        DataLoader<Batch> val = DataLoader.builder(new TensorDataset(xs, xs.copy()))
                .batchSize(4)
                .build();
        return b.build().fit(train, val);
    }

    /** Records the weight after every epoch (callbacks run in the order they were added). */
    private static final class WeightLog implements Callback {
        final List<Float> weights = new ArrayList<>();

        @Override
        public void onEpochEnd(TrainingContext ctx, EpochLogs logs) {
            weights.add(ctx.model().stateDict().get("weight").data()[0]);
        }
    }

    @Test
    void earlyStoppingOnValLossStopsAfterPatienceAndRestoresTheBestEpochsWeights() {
        WeightLog log = new WeightLog();
        EarlyStopping es = new EarlyStopping("val_loss", 2, 0, true);
        History h = fitOvershooting(overshooting(0.2).epochs(20).callback(log).callback(es));

        double[] val = h.series("val_loss");
        assertThat(val).hasSize(4); // best at 2, then 2 epochs without improvement
        assertThat(val[1]).isLessThan(val[0]).isLessThan(val[2]).isLessThan(val[3]);
        assertThat(h.bestEpoch()).isEqualTo(2);
        assertThat(es.bestEpoch()).isEqualTo(2);
        assertThat(es.bestValue()).isEqualTo(val[1]);
        assertThat(h.stopReason())
                .isEqualTo("early stopping: val_loss did not improve for 2 epochs (best " + val[1] + " at epoch 2)");
        assertThat(log.weights.get(1)).isEqualTo(0.875f);
        assertThat(log.weights.get(3)).isNotEqualTo(0.875f);
        assertThat(model.stateDict().get("weight").data()[0]).isEqualTo(log.weights.get(1));
    }

    @Test
    void withoutRestoreTheLastWeightsStay() {
        WeightLog log = new WeightLog();
        History h = fitOvershooting(
                overshooting(0.2).epochs(20).callback(log).callback(new EarlyStopping("val_loss", 1, 0, false)));
        assertThat(h.epochs()).hasSize(3);
        assertThat(h.bestEpoch()).isEqualTo(2);
        assertThat(model.weight().data()[0]).isEqualTo(log.weights.get(2));
    }

    /** Drives the callback with chosen numbers: minDelta decides what counts as an improvement. */
    @Test
    void minDeltaAndPatienceDecideWhenToStop() {
        double[] losses = {1.0, 0.95, 0.94, 0.93, 0.5, 0.49, 0.48};
        assertThat(stopEpoch(new EarlyStopping("val_loss", 2, 0.1, false), losses))
                .isEqualTo(3);
        assertThat(stopEpoch(new EarlyStopping("val_loss", 3, 0.1, false), losses))
                .isEqualTo(4);
        assertThat(stopEpoch(new EarlyStopping("val_loss", 4, 0.1, false), losses))
                .isEqualTo(-1); // epoch 5 improves by 0.5 > 0.1
        assertThat(stopEpoch(new EarlyStopping("val_loss", 1, 0.0, false), losses))
                .isEqualTo(-1); // every epoch improves a little
        assertThat(stopEpoch(new EarlyStopping("val_loss", 1, 0.015, false), losses))
                .isEqualTo(3); // 0.95 -> 0.94 is too small
        assertThat(stopEpoch(new EarlyStopping("val_loss", 2, 0.015, false), losses))
                .isEqualTo(-1); // 0.93 beats 0.95 by 0.02
        // accuracy is maximized
        assertThat(stopEpoch(new EarlyStopping("val_accuracy", 1, 0, false), new double[] {0.5, 0.7, 0.6}))
                .isEqualTo(3);
        assertThat(stopEpoch(new EarlyStopping("val_accuracy", 1, 0, false), new double[] {0.5, 0.7, 0.8}))
                .isEqualTo(-1);
    }

    /** Optimizers keep the learning rate in float32 precision (as their saved state does). */
    private static double f(double lr) {
        return (float) lr;
    }

    private static int stopEpoch(EarlyStopping es, double[] values) {
        TrainingContext ctx = new TrainingContext(new Linear(1, 1, new Generator(0)), null, values.length, 1, 1);
        es.onTrainBegin(ctx);
        for (int e = 1; e <= values.length; e++) {
            es.onEpochEnd(ctx, new EpochLogs(e, 1, 1, values[e - 1], values[e - 1], values[e - 1], 0.1, 1, 1));
            if (ctx.stopRequested()) return e;
        }
        return -1;
    }

    @Test
    void earlyStoppingRejectsUnknownMonitorsAndAMissingValidationSet() {
        // a monitor is checked against the run's logged names when training begins, before any weight changes
        for (Callback typo : List.of(
                new EarlyStopping("val_los", 2, 0, true),
                new ModelCheckpoint(dir.resolve("m.safetensors"), "val_los"),
                new LRSchedulerCallback(
                        new StepLR(new SGD(new Linear(1, 1, new Generator(0)).parameters(), 0.1), 1, 0.5),
                        "val_los"))) {
            Trainer.Builder<Batch> tb = overshooting(0.2).epochs(3).callback(typo);
            assertThatThrownBy(() -> fitOvershooting(tb))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "unknown monitor 'val_los'; this run logs loss, total_error, metric, val_loss, val_metric, lr "
                                    + "(accuracy and val_accuracy stand for metric and val_metric)");
            assertThat(model.weight().data()[0]).isEqualTo(0f);
        }
        assertThatThrownBy(() -> new EarlyStopping(" ", 2, 0, true)).hasMessageContaining("monitor");
        assertThatThrownBy(() -> new EarlyStopping("val_loss", -1, 0, true)).hasMessageContaining("patience");
        assertThatThrownBy(() -> new EarlyStopping("val_loss", 1, -0.1, true)).hasMessageContaining("minDelta");
        Trainer.Builder<Batch> b = overshooting(0.2).epochs(3).callback(new EarlyStopping("val_loss", 2, 0, true));
        Tensor xs = Tensor.ones(4, 1);
        assertThatThrownBy(() -> b.build()
                        .fit(
                                DataLoader.builder(new TensorDataset(xs, xs))
                                        .batchSize(4)
                                        .build(),
                                null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("validation set");
    }

    @Test
    void checkpointWithAMonitorWritesOnlyOnImprovement() throws IOException {
        Path file = dir.resolve("best.safetensors");
        List<Float> saved = new ArrayList<>();
        // checkpoints are written once every callback has handled the epoch: read each one back before the next epoch
        Callback readBack = new Callback() {
            @Override
            public void onEpochBegin(TrainingContext ctx, int epoch) {
                if (epoch > 1) read();
            }

            @Override
            public void onTrainEnd(TrainingContext ctx, History history) {
                read();
            }

            private void read() {
                try {
                    saved.add(ModelFile.load(file)
                            .model()
                            .stateDict()
                            .get("weight")
                            .data()[0]);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        };
        WeightLog log = new WeightLog();
        fitOvershooting(overshooting(0.2)
                .epochs(5)
                .callback(log)
                .callback(new ModelCheckpoint(file, "val_loss"))
                .callback(readBack));
        assertThat(saved)
                .containsExactly(
                        log.weights.get(0),
                        log.weights.get(1),
                        log.weights.get(1),
                        log.weights.get(1),
                        log.weights.get(1));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactly("best.safetensors"); // no temp files left
        }
    }

    @Test
    void checkpointEveryEpochLoadsAndPredictsIdentically() throws IOException {
        Path file = dir.resolve("ckpt").resolve("model.safetensors");
        Generator gen = new Generator(8);
        MLP mlp = new MLP(3, List.of(5, 4), 2, gen);
        Tensor x = Tensor.randn(gen, 20, 3);
        TensorDataset data = new TensorDataset(x, Tensor.randn(gen, 20, 2));
        SGD sgd = new SGD(mlp.parameters(), 0.05).momentum(0.9);
        Trainer.builder()
                .model(mlp)
                .loss(new MSELoss())
                .optimizer(sgd)
                .epochs(3)
                .callback(new ModelCheckpoint(file, null))
                .build()
                .fit(DataLoader.builder(data).batchSize(6).build(), null);
        ModelFile.Loaded loaded = ModelFile.load(file);
        Module copy = loaded.model();
        copy.eval();
        mlp.eval();
        try (var ignored = NoGrad.enter()) {
            assertThat(copy.forward(x).data()).containsExactly(mlp.forward(x).data());
        }
        assertThat(loaded.optimizerState()).isNotEmpty();
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.safetensors");
        }
    }

    @Test
    void stepLrHalvesTheRateEveryTwoEpochs() {
        Trainer.Builder<Batch> b = overshooting(0.1).epochs(5);
        b.callback(new LRSchedulerCallback(new StepLR(optimizer, 2, 0.5)));
        History h = fitOvershooting(b);
        assertThat(h.series("lr")).containsExactly(f(0.1), f(0.1), f(0.05), f(0.05), f(0.025));
        assertThat(optimizer.learningRate()).isEqualTo(f(0.025)); // after 5 steps: 0.1 · 0.5^floor(5/2);
    }

    @Test
    void everyBatchStepsOneCycleAfterEachBatch() {
        Trainer.Builder b = overshooting(0.1).epochs(5);
        b.callback(LRSchedulerCallback.everyBatch(new OneCycleLR(optimizer, 0.4, 5))); // one batch per epoch
        History h = fitOvershooting(b);
        // the same schedule stepped by hand on an optimizer of its own
        SGD reference = new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), 0.1);
        OneCycleLR schedule = new OneCycleLR(reference, 0.4, 5);
        double[] expected = new double[5];
        for (int e = 0; e < 5; e++) {
            expected[e] = reference.learningRate();
            if (e < 4) schedule.step();
        }
        assertThat(h.series("lr")).containsExactly(expected);
        assertThat(expected[0]).isEqualTo(f(0.4 / 25));
        assertThat(expected[2]).isGreaterThan(expected[4]);
    }

    @Test
    void reduceOnPlateauGetsTheMonitoredValidationLoss() {
        Trainer.Builder<Batch> b = overshooting(0.2).epochs(5);
        ReduceLROnPlateau plateau = new ReduceLROnPlateau(optimizer).factor(0.5).patience(0);
        b.callback(new LRSchedulerCallback(plateau, "val_loss"));
        History h = fitOvershooting(b);
        double[] val = h.series("val_loss");
        // val_loss improves in epochs 1-2, gets worse from epoch 3 on: the rate is cut after each worse epoch
        assertThat(h.series("lr")).containsExactly(f(0.2), f(0.2), f(0.2), f(0.1), f(0.05));
        assertThat(plateau.best()).isEqualTo(val[1]);
        assertThat(optimizer.learningRate()).isEqualTo(f(0.025));
    }

    @Test
    void historyCsvAndJsonParseBackToTheLoggedValues() throws IOException {
        History h = fitOvershooting(overshooting(0.2)
                .epochs(20)
                .metric(BatchMetric.meanSquaredError())
                .callback(new EarlyStopping("val_loss", 2, 0, true)));
        Path csv = dir.resolve("history.csv"), json = dir.resolve("history.json");
        h.writeCsv(csv);
        h.writeJson(json);

        try (CSVParser p = CSVParser.parse(
                csv,
                StandardCharsets.UTF_8,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())) {
            assertThat(p.getHeaderNames())
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
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(4);
            for (int i = 0; i < rows.size(); i++) {
                EpochLogs e = h.epochs().get(i);
                CSVRecord r = rows.get(i);
                assertThat(Integer.parseInt(r.get("epoch"))).isEqualTo(i + 1);
                assertThat(Double.parseDouble(r.get("loss"))).isEqualTo(e.trainLoss());
                assertThat(Double.parseDouble(r.get("total_error"))).isEqualTo(e.totalError());
                assertThat(Double.parseDouble(r.get("metric"))).isEqualTo(e.trainMetric());
                assertThat(Double.parseDouble(r.get("val_loss"))).isEqualTo(e.valLoss());
                assertThat(Double.parseDouble(r.get("val_metric"))).isEqualTo(e.valMetric());
                assertThat(Double.parseDouble(r.get("lr"))).isEqualTo(f(0.2));
                assertThat(Double.parseDouble(r.get("seconds")))
                        .isEqualTo(e.seconds())
                        .isPositive();
            }
        }

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("metric").asText()).isEqualTo("mse");
        assertThat(root.get("best_epoch").asInt()).isEqualTo(2);
        assertThat(root.get("stop_reason").asText()).isEqualTo(h.stopReason()).startsWith("early stopping");
        JsonNode epochs = root.get("epochs");
        assertThat(epochs.size()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            EpochLogs e = h.epochs().get(i);
            assertThat(epochs.get(i).get("epoch").asInt()).isEqualTo(i + 1);
            assertThat(epochs.get(i).get("loss").asDouble()).isEqualTo(e.trainLoss());
            assertThat(epochs.get(i).get("val_loss").asDouble()).isEqualTo(e.valLoss());
            assertThat(epochs.get(i).get("metric").asDouble()).isEqualTo(e.trainMetric());
        }
        // the metric is the per-sample MSE, which equals the MSE loss here
        assertThat(h.epochs().get(0).trainMetric()).isCloseTo(h.epochs().get(0).trainLoss(), within(1e-6));
    }

    @Test
    void historyFilesWriteNanAsNanWithoutValidation() throws IOException {
        History h = new History(null);
        h.add(new EpochLogs(1, 0.5, 2.0, Double.NaN, Double.NaN, Double.NaN, 0.1, 0.25, 16));
        Path json = dir.resolve("h.json"), csv = dir.resolve("h.csv");
        h.writeJson(json);
        h.writeCsv(csv);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("metric").isNull()).isTrue();
        assertThat(root.get("stop_reason").isNull()).isTrue();
        assertThat(root.get("best_epoch").asInt()).isEqualTo(-1);
        assertThat(root.get("epochs").get(0).get("val_loss").asDouble()).isNaN();
        assertThat(Files.readAllLines(csv))
                .containsExactly(
                        "epoch,loss,total_error,metric,val_loss,val_metric,lr,seconds,samples_per_second",
                        "1,0.5,2.0,NaN,NaN,NaN,0.1,0.25,16.0");
    }
}
