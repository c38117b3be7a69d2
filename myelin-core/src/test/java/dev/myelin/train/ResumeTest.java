package dev.myelin.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.transform.GaussianNoise;
import dev.myelin.io.ModelFileException;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.optim.ReduceLROnPlateau;
import dev.myelin.optim.StepLR;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit stopped at any batch and resumed from its checkpoint ends where an uninterrupted fit ends, bit for bit:
 * weights, optimizer state and the logged history. The fit uses everything that carries state: shuffling,
 * augmentation, dropout, Adam, two schedules (one on a metric), early stopping with its best weights and a
 * validation set.
 */
class ResumeTest {
    @TempDir
    Path dir;

    /** Stands for a crash (kill -9) right after a given batch, before that batch's checkpoint is written. */
    private static final class Crash implements Callback {
        private final long atStep;

        Crash(long atStep) {
            this.atStep = atStep;
        }

        @Override
        public void onBatchEnd(TrainingContext ctx, int epoch, int batch, float loss, int batchSize) {
            if (ctx.step() == atStep) throw new IllegalStateException("crash at step " + atStep);
        }
    }

    /** One fit, built from its seed as a program would build it after a restart. */
    private static final class Run {
        final Module model;
        final Adam optimizer;
        final Trainer<Batch> trainer;
        final DataLoader<Batch> train, val;

        Run(Path checkpoint, long crashAt, long everySteps) {
            Generator gen = new Generator(11);
            Tensor x = Tensor.randn(gen, 90, 4);
            float[] y = new float[90];
            for (int i = 0; i < y.length; i++)
                y[i] = x.data()[4 * i] + x.data()[4 * i + 1] > 0 ? 1 : i % 3 == 0 ? 2 : 0;
            TensorDataset all = new TensorDataset(x, Tensor.fromArray(y, 90));
            model = new Sequential(new Linear(4, 16, gen), new ReLU(), new Dropout(0.3, gen), new Linear(16, 3, gen));
            optimizer = new Adam(model.parameters(), 0.02);
            train = DataLoader.builder(all.subset(range(0, 70)))
                    .batchSize(8)
                    .shuffle(true)
                    .transform(new GaussianNoise(0.05))
                    .generator(gen.split())
                    .build();
            val = DataLoader.builder(all.subset(range(70, 90))).batchSize(8).build();
            Trainer.Builder<Batch> b = Trainer.builder()
                    .model(model)
                    .loss(new CrossEntropyLoss())
                    .optimizer(optimizer)
                    .epochs(6)
                    .metric(BatchMetric.accuracy(0.5f))
                    .callback(new LRSchedulerCallback(new StepLR(optimizer, 2, 0.5)))
                    .callback(new LRSchedulerCallback(
                            new ReduceLROnPlateau(optimizer).patience(1).factor(0.7), "val_loss"))
                    .callback(new EarlyStopping("val_loss", 4, 0, true))
                    .callback(new Crash(crashAt));
            if (checkpoint != null) b.callback(ModelCheckpoint.everySteps(checkpoint, everySteps));
            trainer = b.build();
        }

        private static int[] range(int from, int to) {
            return java.util.stream.IntStream.range(from, to).toArray();
        }
    }

    @Test
    void aFitResumedAfterACrashEndsBitForBitAsOneThatNeverStopped() throws IOException {
        Run reference = new Run(dir.resolve("unused.safetensors"), -1, 1);
        History expected = reference.trainer.fit(reference.train, reference.val);
        int batchesPerEpoch = reference.train.numBatches();
        // crashes mid-epoch, on an epoch's last batch, and twice in one fit
        for (long[] crashes :
                new long[][] {{3}, {batchesPerEpoch}, {5, 17}, {batchesPerEpoch * 2 + 1, batchesPerEpoch * 4}}) {
            Path file = dir.resolve("ckpt-" + crashes[0] + ".safetensors");
            Run first = new Run(file, crashes[0], 1);
            assertThatThrownBy(() -> first.trainer.fit(first.train, first.val)).hasMessageContaining("crash");
            History resumed = null;
            for (int k = 1; k <= crashes.length; k++) {
                Run next = new Run(file, k < crashes.length ? crashes[k] : -1, 1);
                if (k < crashes.length) {
                    assertThatThrownBy(() -> next.trainer.resume(file, next.train, next.val))
                            .hasMessageContaining("crash");
                } else {
                    resumed = next.trainer.resume(file, next.train, next.val);
                    assertSameState(next, reference);
                }
            }
            assertSameHistory(resumed, expected);
        }
    }

    @Test
    void aCheckpointEveryFewStepsResumesFromTheLastOneWritten() throws IOException {
        Run reference = new Run(null, -1, 1);
        History expected = reference.trainer.fit(reference.train, reference.val);
        Path file = dir.resolve("every4.safetensors");
        Run first = new Run(file, 11, 4); // the last checkpoint is the one after step 8: steps 9-11 are trained again
        assertThatThrownBy(() -> first.trainer.fit(first.train, first.val)).hasMessageContaining("crash");
        Run next = new Run(file, -1, 4);
        assertSameHistory(next.trainer.resume(file, next.train, next.val), expected);
        assertSameState(next, reference);
    }

    @Test
    void aStaleTemporaryFileIsRemovedWhenTheNextFitBegins() throws IOException {
        Path file = dir.resolve("model.safetensors");
        Path stale = dir.resolve(".model.safetensors.123456789.tmp");
        Files.write(stale, new byte[1000]);
        Path other = dir.resolve(".other.safetensors.5.tmp"); // another target's temporary file is not ours to remove
        Files.write(other, new byte[10]);
        Run run = new Run(file, -1, 50);
        run.trainer.fit(run.train, run.val);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("model.safetensors", ".other.safetensors.5.tmp");
        }
    }

    @Test
    void aCheckpointOfAnotherFitIsRefusedNamingTheDifference() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        Run first = new Run(file, 3, 1);
        assertThatThrownBy(() -> first.trainer.fit(first.train, first.val)).hasMessageContaining("crash");
        Run other = new Run(file, -1, 1);
        DataLoader<Batch> smaller = DataLoader.builder(new TensorDataset(Tensor.zeros(40, 4), Tensor.zeros(40)))
                .batchSize(8)
                .build();
        assertThatThrownBy(() -> other.trainer.resume(file, smaller, other.val))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("70 training samples");
        Trainer<Batch> fewerCallbacks = Trainer.builder()
                .model(other.model)
                .loss(new CrossEntropyLoss())
                .optimizer(other.optimizer)
                .epochs(6)
                .build();
        assertThatThrownBy(() -> fewerCallbacks.resume(file, other.train, other.val))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("callbacks");
        Path plain = dir.resolve("plain.safetensors");
        dev.myelin.io.ModelFile.save(plain, other.model);
        assertThatThrownBy(() -> other.trainer.resume(plain, other.train, other.val))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("no training state");
    }

    @Test
    void aSchedulesStateComesBackAtFullPrecision() {
        Adam adam = new Adam(new Linear(2, 1, new Generator(0)).parameters(), 0.1);
        ReduceLROnPlateau plateau = new ReduceLROnPlateau(adam);
        plateau.step(0.1); // 0.1 is not a float: the state dict alone would bring back 0.10000000149011612
        CallbackState saved = new LRSchedulerCallback(plateau, "val_loss").state();
        ReduceLROnPlateau fresh = new ReduceLROnPlateau(new Adam(new Linear(2, 1, new Generator(0)).parameters(), 0.1));
        new LRSchedulerCallback(fresh, "val_loss").restoreState(saved);
        assertThat(fresh.best()).isEqualTo(0.1);
        assertThat((double) saved.tensors().get("best").item()).isNotEqualTo(0.1);
    }

    private static void assertSameState(Run actual, Run expected) {
        Map<String, Tensor> a = actual.model.stateDict(), e = expected.model.stateDict();
        assertThat(a.keySet()).isEqualTo(e.keySet());
        e.forEach((k, t) -> assertThat(a.get(k).data()).as(k).containsExactly(t.data()));
        Map<String, Tensor> ao = actual.optimizer.stateDict(), eo = expected.optimizer.stateDict();
        assertThat(ao.keySet()).isEqualTo(eo.keySet());
        eo.forEach((k, t) -> assertThat(ao.get(k).data()).as(k).containsExactly(t.data()));
    }

    private static void assertSameHistory(History actual, History expected) {
        assertThat(actual.epochs()).hasSameSizeAs(expected.epochs());
        for (int i = 0; i < expected.epochs().size(); i++)
            assertThat(actual.epochs().get(i).values())
                    .as("epoch " + (i + 1))
                    .isEqualTo(expected.epochs().get(i).values());
        assertThat(actual.stopReason()).isEqualTo(expected.stopReason());
        assertThat(actual.bestEpoch()).isEqualTo(expected.bestEpoch());
        assertThat(List.of(actual.columns())).isEqualTo(List.of(expected.columns()));
    }
}
