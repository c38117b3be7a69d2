package dev.myelin.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.train.Trainer;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Parameter averaging against one machine on a Fashion-MNIST subset: the first 12,000 training images, scored on the
 * first 2,000 test images; the 784-256-128-10 MLP, Adam (lr 1e-3), global batch 128, 3 epochs, 2 partitions
 * averaging every 8 local steps.
 */
class AveragingAccuracyTest {
    static final int TRAIN = 12_000, TEST = 2_000, EPOCHS = 3;

    @Test
    void averagingReachesSingleMachineAccuracyWithinHalfAPoint() throws Exception {
        assumeTrue(FashionFrames.installed(), "dataset-fashion-mnist is not installed");
        ImageDataSet ds = FashionFrames.load();
        TensorDataset train = ds.train().subset(range(TRAIN)), test = ds.test().subset(range(TEST));

        // one machine: core's Trainer on the same model, optimizer, batch size and epochs
        Module single = NetworkSpec.initial("mlp", List.of(256, 128), "relu", 784, 10, new Generator(42));
        TrainingSettings s = new TrainingSettings("adam", 1e-3, 0.9, 0, 128, EPOCHS, 42, TrainingMode.AVERAGING, 8);
        Trainer<Batch> trainer = Trainer.builder()
                .model(single)
                .loss(new CrossEntropyLoss())
                .optimizer(s.optimizer(single))
                .epochs(EPOCHS)
                .build();
        trainer.fit(
                DataLoader.builder(train)
                        .batchSize(128)
                        .shuffle(true)
                        .generator(new Generator(7))
                        .build(),
                null);
        double singleAccuracy = accuracy(single, test);

        Dataset<Row> trainDf = FashionFrames.frame(TestSpark.session(), train, TRAIN, 2);
        Dataset<Row> testDf = FashionFrames.frame(TestSpark.session(), test, TEST, 2);
        MyelinClassificationModel model = new MyelinClassifier()
                .setHiddenLayers(256, 128)
                .setEpochs(EPOCHS)
                .setBatchSize(128)
                .setMode("averaging")
                .setLocalSteps(8)
                .setSeed(42L)
                .fit(trainDf);
        double distributed = testDf.count() == 0
                ? 0
                : model.transform(testDf)
                        .agg(functions.avg(functions.expr("cast(prediction = label as double)")))
                        .first()
                        .getDouble(0);

        System.out.printf(
                "fashion-mnist %d/%d: one machine %.4f, averaging on local[2] %.4f%n",
                TRAIN, TEST, singleAccuracy, distributed);
        assertThat(singleAccuracy).isGreaterThan(0.80);
        assertThat(distributed).isGreaterThanOrEqualTo(singleAccuracy - 0.005);
    }

    static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    static double accuracy(Module m, TensorDataset test) {
        m.eval();
        float[] logits = TrainedNetwork.forward(m, test.features().contiguous().data(), test.size(), 784);
        float[] y = test.targets().contiguous().data();
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            int arg = 0;
            for (int k = 1; k < 10; k++) if (logits[i * 10 + k] > logits[i * 10 + arg]) arg = k;
            if (arg == (int) y[i]) right++;
        }
        return right / (double) test.size();
    }
}
