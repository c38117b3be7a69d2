package dev.myelin.spark;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.registry.DatasetRegistry;
import dev.myelin.data.registry.ImageDataSet;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
        float[] x = ds.features().contiguous().data(), y = ds.targets().contiguous().data();
        int width = ds.features().numel() / ds.size();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[width];
            for (int j = 0; j < width; j++) v[j] = x[i * width + j];
            rows.add(RowFactory.create(Vectors.dense(v), (double) y[i]));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }
}
