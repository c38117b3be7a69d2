package dev.myelin.spark;

import dev.myelin.data.TensorDataset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A core data set (features [N, ...], class or value targets [N]) as a Spark DataFrame of (features vector, label). */
public final class DataFrames {
    private DataFrames() {}

    /**
     * The first {@code n} examples of {@code ds}, built on the driver: for data sets that fit it (tests, benchmarks).
     * Each example's features are flattened into a dense vector.
     *
     * @param spark the session that creates the DataFrame
     * @param ds the data set: features [N, ...], one target per example
     * @param n how many examples to take, 0..N
     * @return a DataFrame of columns {@code features} (vector) and {@code label} (double)
     * @throws IllegalArgumentException if {@code n} is outside 0..N or the targets are not one per example
     */
    public static Dataset<Row> of(SparkSession spark, TensorDataset ds, int n) {
        if (n < 0 || n > ds.size()) throw new IllegalArgumentException("n must be in [0, " + ds.size() + "], got " + n);
        if (ds.targets().numel() != ds.size())
            throw new IllegalArgumentException("the targets have "
                    + ds.targets().numel() + " values for " + ds.size() + " examples; one label per example is needed");
        float[] x = ds.features().contiguous().data(),
                y = ds.targets().contiguous().data();
        int width = ds.features().numel() / ds.size();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] v = new double[width];
            for (int j = 0; j < width; j++) v[j] = x[i * width + j];
            rows.add(RowFactory.create(Vectors.dense(v), (double) y[i]));
        }
        StructType schema =
                new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema);
    }
}
