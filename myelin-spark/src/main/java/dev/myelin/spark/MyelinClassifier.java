package dev.myelin.spark;

import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A Myelin network trained as a classifier (cross-entropy on class indices 0..numClasses-1), distributed over the
 * DataFrame's partitions. Fits into a {@code Pipeline} and {@code CrossValidator} like MLlib's classifiers.
 * <pre>{@code
 * MyelinClassifier clf = new MyelinClassifier().setHiddenLayers(256, 128).setEpochs(5).setMode("averaging");
 * MyelinClassificationModel model = clf.fit(train);      // features: vector column, label: double
 * model.transform(test).select("prediction", "probability").show();
 * }</pre>
 */
public final class MyelinClassifier extends MyelinEstimator<MyelinClassificationModel> {
    /** The number of classes; 0 means the largest label + 1. */
    private final IntParam numClasses;
    /** The output column params of the probabilities and the logits. */
    private final Param<String> probabilityCol, rawPredictionCol;

    /** A classifier with a random uid and the default params. */
    public MyelinClassifier() {
        this(Identifiable$.MODULE$.randomUID("myelinClassifier"));
    }

    /**
     * A classifier with the given uid and the default params (Spark ML's reader uses it).
     *
     * @param uid this stage's unique id
     */
    public MyelinClassifier(String uid) {
        super(uid);
        numClasses = new IntParam(this, "numClasses", "number of classes; 0: the largest label + 1");
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column (empty: none)");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "logits column (empty: none)");
        setDefault(numClasses, 0);
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
    }

    /** {@return the numClasses param: the number of classes (default 0: the largest label + 1)} */
    public IntParam numClasses() {
        return numClasses;
    }

    /** {@return the probabilityCol param: the class-probabilities column the model adds (default "probability")} */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** {@return the rawPredictionCol param: the logits column the model adds (default "rawPrediction")} */
    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    /**
     * Sets {@link #numClasses()}; each label is checked against it while training.
     *
     * @param v the number of classes, or 0 to take the largest label + 1
     * @return this classifier
     * @throws IllegalArgumentException if {@code v} is negative
     */
    public MyelinClassifier setNumClasses(int v) {
        if (v < 0) throw new IllegalArgumentException("numClasses must be >= 0 (0: infer), got " + v);
        set(numClasses, v);
        return this;
    }

    /**
     * Sets {@link #probabilityCol()}.
     *
     * @param v the probabilities column's name, or "" for none
     * @return this classifier
     */
    public MyelinClassifier setProbabilityCol(String v) {
        set(probabilityCol, v);
        return this;
    }

    /**
     * Sets {@link #rawPredictionCol()}.
     *
     * @param v the logits column's name, or "" for none
     * @return this classifier
     */
    public MyelinClassifier setRawPredictionCol(String v) {
        set(rawPredictionCol, v);
        return this;
    }

    @Override
    protected boolean classification() {
        return true;
    }

    @Override
    protected BatchInference.Columns columns() {
        return new BatchInference.Columns(str(rawPredictionCol), str(probabilityCol), str(predictionCol()));
    }

    /** numClasses if set, else the largest label + 1 (each row's label is checked against it while training). */
    @Override
    protected int outputs(Dataset<Row> df) {
        int set = (Integer) getOrDefault(numClasses);
        if (set > 0) return set;
        Row max = df.agg(functions.max(functions.col(str(labelCol())))).first();
        if (max.isNullAt(0))
            throw new IllegalArgumentException(stage() + ": column '" + str(labelCol()) + "' (labelCol) has no values");
        double m = ((Number) max.get(0)).doubleValue();
        if (!(m >= 0) || m != Math.rint(m) || m >= 1 << 20)
            throw new IllegalArgumentException(
                    stage() + ": column '" + str(labelCol()) + "' (labelCol) has largest value " + m
                            + "; labels must be class indices 0, 1, ... (or set numClasses)");
        return (int) m + 1;
    }

    @Override
    protected MyelinClassificationModel model(String uid, TrainedNetwork net) {
        return new MyelinClassificationModel(uid, net);
    }

    @Override
    public MyelinClassifier copy(ParamMap extra) {
        return (MyelinClassifier) defaultCopy(extra);
    }

    /** {@return Spark ML's reader of a saved (unfitted) classifier's params} */
    public static MLReader<MyelinClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a classifier saved with {@code write().save(path)}, as MLlib's {@code load}.
     *
     * @param path the directory it was saved to (any Hadoop file system)
     * @return the classifier with its saved params
     */
    public static MyelinClassifier load(String path) {
        return read().load(path);
    }
}
