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

/** Collate functions: samples that are not (x, y) pairs, batches that are several tensors, and the default. */
class CollateTest {
    /** A variable-length sequence of numbers with a class label. */
    record Sequence(Tensor tokens, int label) {}

    /** Sequences padded with zeros to the longest in the batch, with their lengths and labels. */
    record Padded(Tensor padded, Tensor lengths, Tensor labels) {}

    /** Like {@code pad_sequence(batch_first=True)} plus the lengths, as a user's collate_fn would do it. */
    static Padded pad(List<Sequence> samples) {
        int n = samples.size(), longest = 0;
        for (Sequence s : samples) longest = Math.max(longest, s.tokens().size(0));
        float[] padded = new float[n * longest], lengths = new float[n], labels = new float[n];
        for (int k = 0; k < n; k++) {
            Sequence s = samples.get(k);
            System.arraycopy(
                    s.tokens().data(), 0, padded, k * longest, s.tokens().size(0));
            lengths[k] = s.tokens().size(0);
            labels[k] = s.label();
        }
        return new Padded(new Tensor(padded, n, longest), new Tensor(lengths, n), new Tensor(labels, n));
    }

    /** 10 sequences: sequence i has length 1 + i % 5 and tokens 10 i + 1, 10 i + 2, ...; label i % 2. */
    static Dataset<Sequence> sequences() {
        return new Dataset<>() {
            public int size() {
                return 10;
            }

            public Sequence get(int i) {
                float[] t = new float[1 + i % 5];
                for (int j = 0; j < t.length; j++) t[j] = 10 * i + j + 1;
                return new Sequence(new Tensor(t, t.length), i % 2);
            }
        };
    }

    @Test
    void variableLengthSequencesArePaddedIntoABatchWithTheirLengths() {
        DataLoader<Padded> loader =
                DataLoader.builder(sequences(), CollateTest::pad).batchSize(4).build();
        List<Padded> batches = new ArrayList<>();
        loader.forEach(batches::add);
        assertThat(loader.numBatches()).isEqualTo(3);
        assertThat(batches).hasSize(3);
        Padded first = batches.get(0);
        assertThat(first.padded().shape()).containsExactly(4, 4);
        assertThat(first.padded().data()).containsExactly(1, 0, 0, 0, 11, 12, 0, 0, 21, 22, 23, 0, 31, 32, 33, 34);
        assertThat(first.lengths().data()).containsExactly(1, 2, 3, 4);
        assertThat(first.labels().data()).containsExactly(0, 1, 0, 1);
        Padded last = batches.get(2); // samples 8 (length 4) and 9 (length 5)
        assertThat(last.padded().shape()).containsExactly(2, 5);
        assertThat(last.lengths().data()).containsExactly(4, 5);
        assertThat(last.padded().data()).containsExactly(81, 82, 83, 84, 0, 91, 92, 93, 94, 95);
    }

    /** The order of samples is the loader's (seeded permutation), whatever the collate function; prefetch changes nothing. */
    @Test
    void shufflingOrderIsTheDefaultLoadersAndPrefetchDoesNotChangeIt() {
        float[] ids = new float[10];
        for (int i = 0; i < 10; i++) ids[i] = i;
        TensorDataset index = new TensorDataset(new Tensor(ids.clone(), 10, 1), new Tensor(ids, 10));
        DataLoader<Batch> reference = DataLoader.builder(index)
                .batchSize(3)
                .shuffle(true)
                .generator(new Generator(9))
                .build();
        DataLoader<Padded> padded = DataLoader.builder(sequences(), CollateTest::pad)
                .batchSize(3)
                .shuffle(true)
                .generator(new Generator(9))
                .build();
        DataLoader<Padded> prefetched = DataLoader.builder(sequences(), CollateTest::pad)
                .batchSize(3)
                .shuffle(true)
                .generator(new Generator(9))
                .prefetch(true)
                .build();
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Float> expected = new ArrayList<>(), got = new ArrayList<>(), gotPrefetched = new ArrayList<>();
            for (Batch b : reference) for (float t : b.targets().data()) expected.add(t);
            for (Padded p : padded) for (float first : firstTokens(p)) got.add((first - 1) / 10);
            for (Padded p : prefetched) for (float first : firstTokens(p)) gotPrefetched.add((first - 1) / 10);
            assertThat(got).isEqualTo(expected);
            assertThat(gotPrefetched).isEqualTo(expected);
        }
    }

    private static float[] firstTokens(Padded p) {
        int n = p.padded().size(0), width = p.padded().size(1);
        float[] out = new float[n];
        for (int k = 0; k < n; k++) out[k] = p.padded().data()[k * width];
        return out;
    }

    @Test
    void theDefaultCollateStacksExamplesAsTheRowCopyingPathDoes() {
        TensorDataset td =
                new TensorDataset(Tensor.randn(new Generator(1), 10, 3), Tensor.randn(new Generator(2), 10, 2));
        Dataset<Example> generic = new Dataset<>() {
            public int size() {
                return td.size();
            }

            public Example get(int i) {
                return td.get(i);
            }
        };
        List<DataLoader<Batch>> loaders = List.of(
                DataLoader.builder(td)
                        .batchSize(4)
                        .shuffle(true)
                        .generator(new Generator(5))
                        .build(),
                DataLoader.builder(generic)
                        .batchSize(4)
                        .shuffle(true)
                        .generator(new Generator(5))
                        .build(),
                DataLoader.builder(generic, Collate.defaultCollate())
                        .batchSize(4)
                        .shuffle(true)
                        .generator(new Generator(5))
                        .build(),
                DataLoader.builder(
                                new Subset<>(generic, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}),
                                Collate.defaultCollate())
                        .batchSize(4)
                        .shuffle(true)
                        .generator(new Generator(5))
                        .build());
        List<List<float[]>> epochs = new ArrayList<>();
        for (DataLoader<Batch> l : loaders) {
            List<float[]> all = new ArrayList<>();
            for (Batch b : l) {
                assertThat(b.inputs().shape()[1]).isEqualTo(3);
                all.add(b.inputs().data());
                all.add(b.targets().data());
            }
            epochs.add(all);
        }
        for (int i = 1; i < epochs.size(); i++)
            assertThat(epochs.get(i))
                    .as("loader %d", i)
                    .usingElementComparator(Arrays::compare)
                    .isEqualTo(epochs.get(0));
    }

    @Test
    void aBatchCanBeSeveralTensorsOfEachSample() {
        // a sample of three tensors (say input, target and weight), collated into three stacked tensors
        Dataset<List<Tensor>> triples = new Dataset<>() {
            public int size() {
                return 5;
            }

            public List<Tensor> get(int i) {
                return List.of(Tensor.full(i, 2), Tensor.full(10 * i), Tensor.full(0.5f * i, 1));
            }
        };
        Collate<List<Tensor>, List<Tensor>> stackEach = samples -> {
            List<Tensor> out = new ArrayList<>();
            for (int f = 0; f < samples.get(0).size(); f++) {
                List<Tensor> field = new ArrayList<>();
                for (List<Tensor> s : samples) field.add(s.get(f));
                out.add(Tensor.stack(field, 0));
            }
            return out;
        };
        List<Tensor> batch = DataLoader.builder(triples, stackEach)
                .batchSize(5)
                .build()
                .iterator()
                .next();
        assertThat(batch).hasSize(3);
        assertThat(batch.get(0).shape()).containsExactly(5, 2);
        assertThat(batch.get(1).shape()).containsExactly(5);
        assertThat(batch.get(1).data()).containsExactly(0, 10, 20, 30, 40);
        assertThat(batch.get(2).shape()).containsExactly(5, 1);
    }

    @Test
    void collateAndTransformErrorsNameTheSamples() {
        Dataset<Example> ragged = new Dataset<>() {
            public int size() {
                return 4;
            }

            public Example get(int i) {
                return new Example(Tensor.zeros(2 + i / 2), Tensor.scalar(i));
            }
        };
        DataLoader<Batch> loader = DataLoader.builder(ragged).batchSize(4).build();
        assertThatThrownBy(() -> loader.iterator().next())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DataLoader: cannot collate the samples [0, 1, 2, 3]: ")
                .hasMessageContaining("[2]")
                .hasMessageContaining("[3]");
        DataLoader<Padded> augmented = DataLoader.builder(sequences(), CollateTest::pad)
                .batchSize(2)
                .transform(new GaussianNoise(0.1))
                .build();
        assertThatThrownBy(() -> augmented.iterator().next())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("sample 0 is a " + Sequence.class.getName())
                .hasMessageContaining("transform such samples in the dataset");
        assertThatThrownBy(() -> DataLoader.builder(sequences(), null))
                .hasMessageContaining("collate must not be null");
    }
}
