package dev.myelin.spark;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Fashion-MNIST (core's dataset registry, flattened to 784 pixels in [0, 1]) as DataFrames of (features, label). */
final class FashionFrames {
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionFrames() {}

    static boolean installed() {
        return Files.isDirectory(DEBIAN);
    }

    static ImageDataSet load() throws IOException {
        return DatasetRegistry.defaults().load("fashion-mnist", true);
    }

    /** The first {@code n} examples of {@code ds} as a DataFrame in {@code partitions} partitions. */
    static Dataset<Row> frame(SparkSession spark, TensorDataset ds, int n, int partitions) {
        return DataFrames.of(spark, ds, n).repartition(partitions);
    }
}
