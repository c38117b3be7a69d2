package dev.myelin.spark.submit;

import dev.myelin.spark.MyelinClassificationModel;
import dev.myelin.spark.MyelinClassifier;
import dev.myelin.spark.MyelinEstimator;
import dev.myelin.spark.MyelinModel;
import dev.myelin.spark.MyelinRegressor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code train}: fits a MyelinClassifier (or MyelinRegressor) and saves it with Spark ML's writer. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train a network on a Parquet/CSV path and save the Spark ML model.")
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    SparkMain main;

    @Mixin
    DataOptions data;

    @Option(names = "--label", defaultValue = "label", description = "label column (default: ${DEFAULT-VALUE})")
    String label;

    @Option(
            names = "--model",
            required = true,
            description = "where to save the model (a directory; any Hadoop file system)")
    String model;

    @Option(names = "--regression", description = "predict the label as a number (MSE) instead of a class")
    boolean regression;

    @Option(names = "--architecture", defaultValue = "mlp", description = "mlp, or a file holding an architecture JSON")
    String architecture;

    @Option(
            names = "--hidden",
            split = ",",
            defaultValue = "256,128",
            description = "the mlp's hidden widths (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--epochs", defaultValue = "10")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "global batch size")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001")
    double lr;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam, adamw, sgd, rmsprop, adagrad or gd")
    String optimizer;

    @Option(names = "--mode", defaultValue = "averaging", description = "sync or averaging")
    String mode;

    @Option(names = "--local-steps", defaultValue = "8", description = "averaging: local steps per round")
    int localSteps;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() throws IOException {
        SparkSession spark = main.session();
        Dataset<Row> df = data.withFeatures(data.read(spark), label);
        MyelinEstimator<?> estimator = regression ? new MyelinRegressor() : new MyelinClassifier();
        String arch = architecture.equals("mlp") ? "mlp" : read(architecture);
        estimator.setLabelCol(label);
        estimator.setArchitecture(arch);
        estimator.setHiddenLayers(hidden.stream().mapToInt(Integer::intValue).toArray());
        estimator.setEpochs(epochs);
        estimator.setBatchSize(batchSize);
        estimator.setLearningRate(lr);
        estimator.setOptimizer(optimizer);
        estimator.setMode(mode);
        estimator.setLocalSteps(localSteps);
        estimator.setSeed(seed);
        long start = System.nanoTime();
        MyelinModel<?> fitted = estimator.fit(df);
        double seconds = (System.nanoTime() - start) / 1e9;
        fitted.write().overwrite().save(model);
        List<Double> loss = fitted.trainingLoss();
        System.out.printf(
                "trained in %.1f s on %d partition(s); training loss by epoch: %s%n",
                seconds,
                df.rdd().getNumPartitions(),
                loss.stream().map(l -> String.format("%.4f", l)).toList());
        if (fitted instanceof MyelinClassificationModel c) System.out.println("classes: " + c.numClasses());
        System.out.println("saved " + model);
        return 0;
    }

    private static String read(String file) throws IOException {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p))
            throw new IllegalArgumentException(
                    "--architecture: '" + file + "' is neither mlp nor an architecture JSON file");
        return Files.readString(p);
    }
}
