package dev.myelin.examples;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.io.ModelFile;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.train.BatchMetric;
import dev.myelin.train.EarlyStopping;
import dev.myelin.train.History;
import dev.myelin.train.ModelCheckpoint;
import dev.myelin.train.ProgressBarCallback;
import dev.myelin.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Fashion-MNIST with the training loop's parts: the dataset registry finds the files ($MYELIN_DATA,
 * ~/.myelin/datasets, or Debian's dataset-fashion-mnist package), {@code DataLoader}s batch 3000 training and 1000
 * test images (seeded shuffling), a {@code Trainer} fits an MLP [784 → 128 → 10] for 3 epochs with a progress bar,
 * early stopping on the validation loss and a {@code ModelCheckpoint} that keeps the best epoch in
 * {@code target/fashion-mnist-best.safetensors} (the first argument changes the directory). The checkpoint loads as
 * a model. Prints one line per epoch, then "best val_loss ... val_accuracy ..." (about 0.80 after 3 epochs).
 * Without the data set it says where it looked and exits.
 */
public final class FashionMnistTraining {
    private FashionMnistTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target");
        DatasetRegistry registry = DatasetRegistry.defaults();
        Optional<Path> found = registry.find("fashion-mnist");
        if (found.isEmpty()) { // no download attempt here: say where to put it
            System.out.println("Fashion-MNIST not found in " + registry.searchDirectories("fashion-mnist")
                    + "; install Debian's dataset-fashion-mnist or set MYELIN_DATA");
            return;
        }
        ImageDataSet data = registry.load("fashion-mnist", true);            // images flattened to 784 values
        TensorDataset train = data.train().subset(IntStream.range(0, 3000).toArray());
        TensorDataset test = data.test().subset(IntStream.range(0, 1000).toArray());

        DataLoader<Batch> trainLoader = DataLoader.builder(train).batchSize(64).shuffle(true).generator(new Generator(1)).build();
        DataLoader<Batch> testLoader = DataLoader.builder(test).batchSize(256).build();

        Generator gen = new Generator(0);
        MLP model = new MLP(784, List.of(128), 10, gen);
        Path best = dir.resolve("fashion-mnist-best.safetensors");
        Files.createDirectories(dir);
        Trainer<Batch> trainer = Trainer.builder()
                .model(model)
                .loss(new CrossEntropyLoss())
                .optimizer(new Adam(model.parameters(), 1e-3))
                .epochs(3)
                .metric(BatchMetric.accuracy(0.5f))
                .callback(new ProgressBarCallback(System.out))               // needs me.tongfei:progressbar
                .callback(new EarlyStopping("val_loss", 2, 0.0, true))
                .callback(new ModelCheckpoint(best, "val_loss"))            // saves the best epoch
                .build();
        History history = trainer.fit(trainLoader, testLoader);

        Module restored = ModelFile.load(best).model();                     // the checkpoint is a model file
        Trainer.Evaluation eval = Trainer.builder().model(restored).loss(new CrossEntropyLoss())
                .optimizer(new Adam(restored.parameters(), 1e-3)).metric(BatchMetric.accuracy(0.5f)).build()
                .evaluate(testLoader);
        System.out.printf("best val_loss %.4f val_accuracy %.4f (%d epochs)%n", eval.loss(), eval.metric(), history.epochs().size());
    }
}
