package dev.myelin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.transform.GaussianNoise;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** 10 samples: features row i = [i, 10 i], target i = i. */
    private static TensorDataset tens() {
        float[] x = new float[20], y = new float[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = i;
        }
        return new TensorDataset(new Tensor(x, 10, 2), new Tensor(y, 10));
    }

    /** The same data as a plain Dataset, to exercise the generic (non-TensorDataset) path. */
    private static Dataset<Example> generic(TensorDataset td) {
        return new Dataset<>() {
            public int size() {
                return td.size();
            }

            public Example get(int i) {
                return td.get(i);
            }
        };
    }

    private static List<float[]> flatten(Iterable<Batch> loader) {
        List<float[]> out = new ArrayList<>();
        for (Batch b : loader) {
            out.add(b.inputs().toArray());
            out.add(b.targets().toArray());
        }
        return out;
    }

    @Test
    void sequentialBatchesHaveTheBatchDimensionFirstAndKeepTheLastPartialBatch() {
        List<Batch> batches = new ArrayList<>();
        DataLoader<Batch> loader = DataLoader.builder(tens()).batchSize(4).build();
        loader.forEach(batches::add);
        assertThat(loader.numBatches()).isEqualTo(3);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0).inputs().shape()).containsExactly(4, 2);
        assertThat(batches.get(0).inputs().toArray()).containsExactly(0, 0, 1, 10, 2, 20, 3, 30);
        assertThat(batches.get(0).targets().shape()).containsExactly(4);
        assertThat(batches.get(2).inputs().shape()).containsExactly(2, 2);
        assertThat(batches.get(2).targets().toArray()).containsExactly(8, 9);
    }

    @Test
    void dropLastDropsTheIncompleteBatch() {
        DataLoader<Batch> loader =
                DataLoader.builder(tens()).batchSize(4).dropLast(true).build();
        assertThat(loader.numBatches()).isEqualTo(2);
        List<Batch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertThat(batches).hasSize(2).allSatisfy(b -> assertThat(b.size()).isEqualTo(4));
    }

    @Test
    void shuffleGivesANewPermutationEachEpochAndIsDeterministicForASeed() {
        DataLoader<Batch> a = DataLoader.builder(tens())
                .batchSize(3)
                .shuffle(true)
                .generator(new Generator(7))
                .build();
        DataLoader<Batch> b = DataLoader.builder(tens())
                .batchSize(3)
                .shuffle(true)
                .generator(new Generator(7))
                .build();
        List<float[]> a1 = flatten(a), a2 = flatten(a), b1 = flatten(b), b2 = flatten(b);
        assertThat(a1).usingElementComparator(Arrays::compare).isEqualTo(b1);
        assertThat(a2).usingElementComparator(Arrays::compare).isEqualTo(b2);
        assertThat(a1).usingElementComparator(Arrays::compare).isNotEqualTo(a2);
        // Every sample appears exactly once per epoch, and features stay paired with their targets.
        List<Float> seen = new ArrayList<>();
        for (Batch batch : a) {
            float[] x = batch.inputs().toArray(), y = batch.targets().toArray();
            for (int k = 0; k < y.length; k++) {
                assertThat(x[2 * k]).isEqualTo(y[k]);
                assertThat(x[2 * k + 1]).isEqualTo(10 * y[k]);
                seen.add(y[k]);
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f);
    }

    @Test
    void fastPathAndGenericPathAgree() {
        TensorDataset td = tens();
        List<float[]> fast = flatten(DataLoader.builder(td)
                .batchSize(4)
                .shuffle(true)
                .generator(new Generator(3))
                .build());
        List<float[]> slow = flatten(DataLoader.builder(generic(td))
                .batchSize(4)
                .shuffle(true)
                .generator(new Generator(3))
                .build());
        assertThat(fast).usingElementComparator(Arrays::compare).isEqualTo(slow);
    }

    @Test
    void prefetchDoesNotChangeResultsEvenWithAugmentation() {
        TensorDataset td = tens();
        for (Dataset<Example> ds : List.<Dataset<Example>>of(td, generic(td))) {
            DataLoader<Batch> plain = DataLoader.builder(ds)
                    .batchSize(3)
                    .shuffle(true)
                    .transform(new GaussianNoise(0.1))
                    .generator(new Generator(11))
                    .build();
            DataLoader<Batch> pre = DataLoader.builder(ds)
                    .batchSize(3)
                    .shuffle(true)
                    .transform(new GaussianNoise(0.1))
                    .generator(new Generator(11))
                    .prefetch(true)
                    .build();
            for (int epoch = 0; epoch < 3; epoch++)
                assertThat(flatten(pre)).usingElementComparator(Arrays::compare).isEqualTo(flatten(plain));
        }
    }

    @Test
    void augmentationIsFreshEachEpochButReproducible() {
        DataLoader<Batch> a = DataLoader.builder(tens())
                .batchSize(10)
                .transform(new GaussianNoise(1))
                .generator(new Generator(5))
                .build();
        DataLoader<Batch> b = DataLoader.builder(tens())
                .batchSize(10)
                .transform(new GaussianNoise(1))
                .generator(new Generator(5))
                .build();
        float[] a1 = a.iterator().next().inputs().toArray(),
                a2 = a.iterator().next().inputs().toArray();
        assertThat(a1).isNotEqualTo(a2);
        assertThat(b.iterator().next().inputs().toArray()).containsExactly(a1);
        assertThat(b.iterator().next().inputs().toArray()).containsExactly(a2);
        assertThat(a.iterator().next().targets().toArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void errorsFromTheDatasetSurfaceOnTheCallingThread() {
        Dataset<Example> broken = new Dataset<>() {
            public int size() {
                return 4;
            }

            public Example get(int i) {
                throw new IllegalStateException("sample " + i + " is corrupt");
            }
        };
        DataLoader<Batch> loader =
                DataLoader.builder(broken).batchSize(2).prefetch(true).build();
        assertThatThrownBy(() -> loader.iterator().next())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sample 0 is corrupt");
    }

    @Test
    void invalidConfigurationIsRejected() {
        assertThatThrownBy(() -> DataLoader.builder(tens()).batchSize(0))
                .hasMessageContaining("batchSize must be positive");
        assertThatThrownBy(() -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)))
                .hasMessageContaining("3 samples")
                .hasMessageContaining("4");
    }
}
