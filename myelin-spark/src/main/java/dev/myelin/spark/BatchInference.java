package dev.myelin.spark;

import dev.myelin.nn.Module;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained model applied to a DataFrame's features column, a partition at a time in batches of rows (one forward
 * pass per batch, not per row). A classifier adds raw prediction (logits), probability (their softmax) and
 * prediction (the class index as a double) columns, a regressor prediction; an empty column name leaves that
 * column out, as in Spark ML.
 */
final class BatchInference {
    static final int BATCH = 512;

    /**
     * The columns to add; empty names are skipped.
     *
     * @param rawPrediction the logits column (classifier)
     * @param probability the class-probabilities column (classifier)
     * @param prediction the prediction column: the class index as a double, or the regression value
     */
    record Columns(String rawPrediction, String probability, String prediction) implements java.io.Serializable {}

    private BatchInference() {}

    /** The schema with the output columns appended; checks the features column and that outputs are new. */
    static StructType outputSchema(
            StructType schema, String featuresCol, Columns c, boolean classification, String stage) {
        FeatureColumn.requireFeatures(schema, featuresCol, stage);
        StructType out = schema;
        if (classification && !c.rawPrediction().isEmpty()) out = add(out, c.rawPrediction(), true, stage);
        if (classification && !c.probability().isEmpty()) out = add(out, c.probability(), true, stage);
        if (!c.prediction().isEmpty()) out = add(out, c.prediction(), false, stage);
        return out;
    }

    private static StructType add(StructType s, String name, boolean vector, String stage) {
        for (String f : s.fieldNames())
            if (f.equals(name))
                throw new IllegalArgumentException(
                        stage + ": output column '" + name + "' already exists; choose another name");
        return s.add(name, vector ? SQLDataTypes.VectorType() : DataTypes.DoubleType, false);
    }

    /** {@code dataset} with the model's outputs appended. */
    static Dataset<Row> transform(Dataset<?> dataset, TrainedNetwork net, String featuresCol, Columns c, String stage) {
        Dataset<Row> df = dataset.toDF();
        StructType out = outputSchema(df.schema(), featuresCol, c, net.classification(), stage);
        int fi = df.schema().fieldIndex(featuresCol);
        int inputs = net.inputs(), outputs = net.outputs();
        boolean classification = net.classification();
        MapPartitionsFunction<Row, Row> f = it -> {
            ExecutorChecks.requireVectorApi();
            Module model = net.module();
            return new Iterator<>() {
                final List<Row> rows = new ArrayList<>();
                final List<Row> results = new ArrayList<>();
                int next;
                long seen;

                @Override
                public boolean hasNext() {
                    if (next < results.size()) return true;
                    if (!it.hasNext()) return false;
                    fill();
                    return next < results.size();
                }

                @Override
                public Row next() {
                    if (!hasNext()) throw new java.util.NoSuchElementException();
                    return results.get(next++);
                }

                private void fill() {
                    rows.clear();
                    results.clear();
                    next = 0;
                    while (it.hasNext() && rows.size() < BATCH) rows.add(it.next());
                    int m = rows.size();
                    float[] x = new float[m * inputs];
                    for (int i = 0; i < m; i++)
                        FeatureColumn.read(rows.get(i), fi, featuresCol, seen + i, inputs, x, i * inputs);
                    seen += m;
                    float[] y = TrainedNetwork.forward(model, x, m, inputs);
                    for (int i = 0; i < m; i++)
                        results.add(row(rows.get(i), y, i * outputs, outputs, classification, c));
                }
            };
        };
        return df.mapPartitions(f, Encoders.row(out));
    }

    private static Row row(Row in, float[] y, int at, int outputs, boolean classification, Columns c) {
        List<Object> values = new ArrayList<>(in.size() + 3);
        for (int i = 0; i < in.size(); i++) values.add(in.get(i));
        if (classification) {
            double[] raw = new double[outputs], prob = new double[outputs];
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            int arg = 0;
            for (int k = 0; k < outputs; k++) {
                raw[k] = y[at + k];
                if (raw[k] > max) {
                    max = raw[k];
                    arg = k;
                }
            }
            for (int k = 0; k < outputs; k++) sum += prob[k] = Math.exp(raw[k] - max);
            for (int k = 0; k < outputs; k++) prob[k] /= sum;
            if (!c.rawPrediction().isEmpty()) values.add(Vectors.dense(raw));
            if (!c.probability().isEmpty()) values.add(Vectors.dense(prob));
            if (!c.prediction().isEmpty()) values.add((double) arg);
        } else if (!c.prediction().isEmpty()) {
            values.add((double) y[at]);
        }
        return RowFactory.create(values.toArray());
    }
}
