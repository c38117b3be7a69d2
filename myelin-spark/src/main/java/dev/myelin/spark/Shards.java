package dev.myelin.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns a DataFrame's features and label columns into one cached {@link Shard} per partition, checking every row on
 * the executor: the width of its features and, for a classifier, that its label is a class index below
 * {@code classes}.
 */
final class Shards {
    private Shards() {}

    /**
     * @param classes the number of classes (labels must be whole numbers in [0, classes)), or 0 for regression
     *                targets (any finite value)
     */
    static JavaRDD<Shard> of(Dataset<Row> df, String featuresCol, String labelCol, int width, int classes) {
        JavaRDD<Row> rows = df.select(featuresCol, labelCol).javaRDD();
        JavaRDD<Shard> shards = rows.mapPartitionsWithIndex(
                (partition, it) -> {
                    ExecutorChecks.requireVectorApi();
                    List<float[]> xs = new ArrayList<>();
                    List<Float> ys = new ArrayList<>();
                    long r = 0;
                    while (it.hasNext()) {
                        Row row = it.next();
                        float[] x = new float[width];
                        FeatureColumn.read(row, 0, featuresCol, r, width, x, 0);
                        xs.add(x);
                        ys.add(label(row, labelCol, r, classes));
                        r++;
                    }
                    int n = xs.size();
                    float[] x = new float[n * width], y = new float[n];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(xs.get(i), 0, x, i * width, width);
                        y[i] = ys.get(i);
                    }
                    return List.of(new Shard(partition, n, width, x, y)).iterator();
                },
                true);
        return shards.persist(StorageLevel.MEMORY_AND_DISK());
    }

    private static float label(Row row, String column, long r, int classes) {
        Object v = row.get(1);
        if (v == null) throw new IllegalArgumentException("column '" + column + "' (labelCol) is null at row " + r);
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d))
            throw new IllegalArgumentException("column '" + column + "' (labelCol) is " + d + " at row " + r);
        if (classes > 0 && (d != Math.rint(d) || d < 0 || d >= classes))
            throw new IllegalArgumentException(
                    "column '" + column + "' (labelCol) has " + d + " at row " + r + ", outside the classes 0.."
                            + (classes - 1) + " (numClasses = " + classes + "); labels must be class indices");
        return (float) d;
    }
}
