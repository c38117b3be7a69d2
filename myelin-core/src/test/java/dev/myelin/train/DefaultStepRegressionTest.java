package dev.myelin.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.DataLoader;
import dev.myelin.data.Dataset;
import dev.myelin.data.Example;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.data.transform.GaussianNoise;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.optim.Adam;
import dev.myelin.optim.SGD;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default (supervised) training path gives bit for bit the numbers it gave before the train step became
 * replaceable: the expected values were recorded with the Trainer and DataLoader<Batch> of commit 5e9e2bc.
 */
class DefaultStepRegressionTest {

    /** Shuffled mini-batches, dropout, Adam, accuracy and a validation set (the TensorDataset fast path). */
    @Test
    void classificationRunMatchesTheRecordedHistoryAndWeights() {
        Generator gen = new Generator(21);
        TensorDataset data = SyntheticData.twoMoons(300, 0.2, new Generator(5));
        TensorDataset train = data.subset(TrainerTest.range(0, 230)), val = data.subset(TrainerTest.range(230, 300));
        Sequential model = new Sequential(
                new Linear(2, 16, true, gen), new ReLU(), new Dropout(0.2, gen.split()), new Linear(16, 2, true, gen));
        History h = Trainer.builder()
                .model(model)
                .loss(new CrossEntropyLoss())
                .optimizer(new Adam(model.parameters(), 0.01))
                .epochs(3)
                .metric(BatchMetric.accuracy(0.5f))
                .build()
                .fit(
                        DataLoader.builder(train)
                                .batchSize(32)
                                .shuffle(true)
                                .generator(gen.split())
                                .build(),
                        DataLoader.builder(val).batchSize(50).build());
        String[][] expected = {
            {"0x1.643768a0473c2p-1", "0x1.4009c8p7", "0x1.0f9525d7ee31p-1", "0x1.42f55ep-1", "0x1.5f15f15f15f16p-1"},
            {
                "0x1.286ba20473c1bp-1",
                "0x1.0a50b39p7",
                "0x1.92ebf7187ca93p-1",
                "0x1.fc87e8db6db6ep-2",
                "0x1.d41d41d41d41dp-1"
            },
            {
                "0x1.f13d9ed1408e8p-2",
                "0x1.bebd5cbp6",
                "0x1.afdc61f2a4bbp-1",
                "0x1.89d096db6db6ep-2",
                "0x1.db6db6db6db6ep-1"
            }
        };
        assertThat(h.epochs()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            EpochLogs e = h.epochs().get(i);
            assertThat(new String[] {
                        hex(e.trainLoss()),
                        hex(e.totalError()),
                        hex(e.trainMetric()),
                        hex(e.valLoss()),
                        hex(e.valMetric())
                    })
                    .as("epoch %d", i + 1)
                    .containsExactly(expected[i]);
        }
        assertThat(checksum(model.stateDict().values())).isEqualTo("d1e72704a70f3f32");
    }

    /** A generic dataset with augmentation and prefetch, SGD with momentum, gradient clipping, the MSE metric. */
    @Test
    void regressionRunThroughTheGenericDatasetPathMatchesTheRecordedHistoryAndWeights() {
        Generator gen = new Generator(8);
        Tensor x = Tensor.randn(gen, 90, 3);
        TensorDataset reg = new TensorDataset(x, x.sum(1, true).mul(0.5f));
        Dataset<Example> generic = new Dataset<>() {
            public int size() {
                return reg.size();
            }

            public Example get(int i) {
                return reg.get(i);
            }
        };
        MLP mlp = new MLP(3, List.of(8), 1, gen);
        History h = Trainer.builder()
                .model(mlp)
                .loss(new MSELoss())
                .optimizer(new SGD(mlp.parameters(), 0.05).momentum(0.9))
                .epochs(3)
                .metric(BatchMetric.meanSquaredError())
                .clipGradNorm(1.0)
                .build()
                .fit(
                        DataLoader.builder(generic)
                                .batchSize(16)
                                .shuffle(true)
                                .transform(new GaussianNoise(0.05))
                                .prefetch(true)
                                .generator(new Generator(4))
                                .build(),
                        null);
        String[][] expected = {
            {"0x1.2acf7ee7d27d2p0", "0x1.a433ca76p6", "0x1.2acf7ef65ecdp0"},
            {"0x1.0ccf4a7777777p-2", "0x1.7a0380b8p4", "0x1.0ccf4aa976adfp-2"},
            {"0x1.2e50836c16c17p-3", "0x1.a92138dp3", "0x1.2e50838af4dcfp-3"}
        };
        assertThat(h.epochs()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            EpochLogs e = h.epochs().get(i);
            assertThat(new String[] {hex(e.trainLoss()), hex(e.totalError()), hex(e.trainMetric())})
                    .as("epoch %d", i + 1)
                    .containsExactly(expected[i]);
        }
        assertThat(checksum(mlp.stateDict().values())).isEqualTo("1bc34dad04caf20c");
    }

    private static String hex(double v) {
        return Double.toHexString(v);
    }

    /** A hash of every float's bits, in state-dict order. */
    private static String checksum(Collection<Tensor> tensors) {
        long h = 17;
        for (Tensor t : tensors) for (float f : t.data()) h = h * 31 + Float.floatToIntBits(f);
        return Long.toHexString(h);
    }
}
