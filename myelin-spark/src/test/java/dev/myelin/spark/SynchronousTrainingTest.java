package dev.myelin.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SynchronousTrainingTest {
    static final int N = 300, F = 6, CLASSES = 3;

    /** Rows whose class is the largest of the first three features, in 3 partitions of unequal size. */
    static Dataset<Row> data(int partitions) {
        Generator g = new Generator(5);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double[] x = new double[F];
            for (int j = 0; j < F; j++) x[j] = g.nextGaussian();
            int label = x[0] > x[1] ? (x[0] > x[2] ? 0 : 2) : (x[1] > x[2] ? 1 : 2);
            rows.add(RowFactory.create(Vectors.dense(x), (double) label));
        }
        StructType schema =
                new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return TestSpark.session().createDataFrame(rows, schema).repartition(partitions);
    }

    @Test
    void syncModeGivesTheWeightsOfOneMachineOnTheSameGlobalBatches() {
        Dataset<Row> df = data(3);
        TrainingSettings s = new TrainingSettings("sgd", 0.1, 0.9, 0, 32, 3, 11, TrainingMode.SYNC, 1);
        Module model = NetworkSpec.initial("mlp", List.of(16, 8), "tanh", F, CLASSES, new Generator(s.seed()));
        Module reference = NetworkSpec.initial("mlp", List.of(16, 8), "tanh", F, CLASSES, new Generator(s.seed()));
        NetworkSpec spec = NetworkSpec.of(model, F, CLASSES, true);
        JavaRDD<Shard> shards = Shards.of(df, "features", "label", F, CLASSES);

        // the global row order the trainer numbers rows in: partition by partition
        List<Shard> parts = new ArrayList<>(shards.collect());
        parts.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        float[] x = new float[N * F], y = new float[N];
        int at = 0;
        for (Shard p : parts) {
            System.arraycopy(p.x(), 0, x, at * F, p.rows() * F);
            System.arraycopy(p.y(), 0, y, at, p.rows());
            at += p.rows();
        }
        assertThat(at).isEqualTo(N);
        assertThat(parts).hasSize(3);

        DistributedTrainer.Result result = DistributedTrainer.train(shards, model, spec, s);

        // one machine: the same permutations, each batch's mean cross-entropy, the same optimizer
        Optimizer opt = s.optimizer(reference);
        Generator order = Seeds.generator(s.seed(), 1);
        CrossEntropyLoss loss = new CrossEntropyLoss();
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            int[] perm = order.permutation(N);
            for (int from = 0; from < N; from += s.batchSize()) {
                int m = Math.min(N, from + s.batchSize()) - from;
                float[] bx = new float[m * F], by = new float[m];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(x, perm[from + i] * F, bx, i * F, F);
                    by[i] = y[perm[from + i]];
                }
                reference.zeroGrad();
                loss.forward(reference.forward(new Tensor(bx, m, F)), new Tensor(by, m))
                        .backward();
                opt.step();
            }
        }
        float[] distributed = FlatState.weights(result.model()), single = FlatState.weights(reference);
        assertThat(distributed.length).isEqualTo(single.length);
        float maxDiff = 0;
        for (int i = 0; i < single.length; i++) maxDiff = Math.max(maxDiff, Math.abs(distributed[i] - single[i]));
        assertThat(maxDiff)
                .as("largest weight difference after %d steps", 3 * 10)
                .isLessThan(1e-4f);
        assertThat(Arrays.equals(
                        distributed,
                        FlatState.weights(NetworkSpec.initial(
                                "mlp", List.of(16, 8), "tanh", F, CLASSES, new Generator(s.seed())))))
                .as("training changed the weights")
                .isFalse();
        assertThat(result.epochLoss()).hasSize(3);
        assertThat(result.epochLoss().get(2)).isLessThan(result.epochLoss().get(0));
        shards.unpersist(false);
    }

    @Test
    void sameSeedAndPartitionsGiveTheSameWeights() {
        Dataset<Row> df = data(2);
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            MyelinClassificationModel m = new MyelinClassifier()
                    .setHiddenLayers(8)
                    .setEpochs(1)
                    .setBatchSize(40)
                    .setMode("averaging")
                    .setLocalSteps(2)
                    .setSeed(3L)
                    .fit(df);
            runs[r] = m.network().weights();
        }
        assertThat(runs[1]).containsExactly(runs[0]);
    }
}
