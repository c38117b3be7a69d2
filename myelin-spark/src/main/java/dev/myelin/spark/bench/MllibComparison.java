package dev.myelin.spark.bench;

import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import dev.myelin.spark.DataFrames;
import dev.myelin.spark.MyelinClassificationModel;
import dev.myelin.spark.MyelinClassifier;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One side-by-side run on Fashion-MNIST loaded as a Spark DataFrame (60,000 training rows, 10,000 test rows): MLlib's
 * MultilayerPerceptronClassifier (784-256-128-10, L-BFGS) and MyelinClassifier (the same layers, Adam, parameter
 * averaging), each fit timed and scored on the test rows. Arguments: {@code [master] [myelin|mllib|both] [myelinEpochs]
 * [mllibIterations] [localSteps]}, default {@code local[2] both 2 50 8}. Prints wall and process CPU seconds of each fit. Run with the test class path (Spark is provided):
 * see docs/PERFORMANCE.md.
 */
public final class MllibComparison {
    private MllibComparison() {}

    /**
     * Runs the comparison and prints one line per fit.
     *
     * @param args {@code [master] [myelin|mllib|both] [myelinEpochs] [mllibIterations] [localSteps]}
     * @throws Exception if Fashion-MNIST cannot be read or a fit fails
     */
    public static void main(String[] args) throws Exception {
        String master = args.length > 0 ? args[0] : "local[2]";
        String which = args.length > 1 ? args[1] : "both";
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int localSteps = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("myelin-vs-mllib")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        int partitions = spark.sparkContext().defaultParallelism();
        ImageDataSet ds = DatasetRegistry.defaults().load("fashion-mnist", true);
        Dataset<Row> train = DataFrames.of(spark, ds.train(), ds.train().size())
                .repartition(partitions)
                .cache();
        Dataset<Row> test = DataFrames.of(spark, ds.test(), ds.test().size())
                .repartition(partitions)
                .cache();
        System.out.printf(
                "master %s, %d partitions, %d train rows, %d test rows%n",
                master, partitions, train.count(), test.count());
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");

        if (!which.equals("mllib")) {
            long t0 = System.nanoTime(), c0 = cpuNanos();
            MyelinClassificationModel m = new MyelinClassifier()
                    .setHiddenLayers(256, 128)
                    .setEpochs(epochs)
                    .setBatchSize(128)
                    .setMode("averaging")
                    .setLocalSteps(localSteps)
                    .setSeed(42L)
                    .fit(train);
            double seconds = (System.nanoTime() - t0) / 1e9, cpu = (cpuNanos() - c0) / 1e9;
            double acc = accuracy.evaluate(m.transform(test));
            System.out.printf(
                    "myelin: %d epochs (local steps %d) in %.1f s, %.1f CPU s (%.0f samples/s, %.0f per CPU s), test accuracy %.4f%n",
                    epochs, localSteps, seconds, cpu, epochs * 60000 / seconds, epochs * 60000 / cpu, acc);
        }
        if (!which.equals("myelin")) {
            long t0 = System.nanoTime(), c0 = cpuNanos();
            MultilayerPerceptronClassificationModel m = new MultilayerPerceptronClassifier()
                    .setLayers(new int[] {784, 256, 128, 10})
                    .setMaxIter(iterations)
                    .setSeed(42L)
                    .fit(train);
            double seconds = (System.nanoTime() - t0) / 1e9, cpu = (cpuNanos() - c0) / 1e9;
            double acc = accuracy.evaluate(m.transform(test));
            System.out.printf(
                    "mllib: %d L-BFGS iterations in %.1f s, %.1f CPU s, test accuracy %.4f%n",
                    iterations, seconds, cpu, acc);
        }
        spark.stop();
    }

    /** This process's CPU time: fair on a shared machine, where wall time depends on the other work. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
