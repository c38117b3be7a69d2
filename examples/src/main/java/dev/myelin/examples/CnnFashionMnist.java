package dev.myelin.examples;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.Flatten;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ReLU;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Unflatten;
import dev.myelin.nn.conv.Conv2d;
import dev.myelin.nn.conv.MaxPool2d;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.train.BatchMetric;
import dev.myelin.train.History;
import dev.myelin.train.Trainer;

import java.util.stream.IntStream;

/**
 * A convolutional network (docs/CNN.md) on 2000 Fashion-MNIST images: the flat rows back into [1, 28, 28] images, a
 * 3×3 convolution with 8 filters, ReLU, 2×2 max pooling and a linear classifier, two epochs. Prints one summary line
 * per epoch and "val_accuracy ..." on 500 test images (about 0.75). Without the data set it says so and exits.
 */
public final class CnnFashionMnist {
    private CnnFashionMnist() {
    }

    public static void main(String[] args) throws Exception {
        DatasetRegistry registry = DatasetRegistry.defaults();
        if (registry.find("fashion-mnist").isEmpty()) {
            System.out.println("Fashion-MNIST not found in " + registry.searchDirectories("fashion-mnist"));
            return;
        }
        ImageDataSet data = registry.load("fashion-mnist", true);
        TensorDataset train = data.train().subset(IntStream.range(0, 2000).toArray());
        TensorDataset test = data.test().subset(IntStream.range(0, 500).toArray());
        Generator gen = new Generator(0);
        Sequential cnn = new Sequential(
                new Unflatten(1, new int[] {1, 28, 28}),            // rows [N, 784] -> images [N, 1, 28, 28]
                new Conv2d(1, 8, 3, 1, 1, gen), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(8 * 14 * 14, 10, gen));
        History h = Trainer.builder().model(cnn).loss(new CrossEntropyLoss()).optimizer(new Adam(cnn.parameters(), 1e-3))
                .epochs(2).metric(BatchMetric.accuracy(0.5f)).build()
                .fit(DataLoader.builder(train).batchSize(64).shuffle(true).generator(new Generator(1)).build(),
                        DataLoader.builder(test).batchSize(250).build());
        h.epochs().forEach(e -> System.out.println(e.summaryLine(2)));
        System.out.printf("val_accuracy %.4f%n", h.last().valMetric());
    }
}
