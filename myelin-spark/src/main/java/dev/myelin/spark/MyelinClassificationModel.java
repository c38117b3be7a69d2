package dev.myelin.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLReader;

/** A fitted {@link MyelinClassifier}: adds rawPrediction (logits), probability and prediction columns. */
public final class MyelinClassificationModel extends MyelinModel<MyelinClassificationModel> {
    /** The output column params of the probabilities and the logits. */
    private final Param<String> probabilityCol, rawPredictionCol;

    /**
     * A model of {@code net} with the default column params; {@link MyelinClassifier#fit} and {@link #load} make
     * them.
     *
     * @param uid this stage's unique id
     * @param net the trained network
     */
    public MyelinClassificationModel(String uid, TrainedNetwork net) {
        super(uid, net);
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column (empty: none)");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "logits column (empty: none)");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
    }

    /**
     * {@return the probabilityCol param: the class-probabilities column, the softmax of the logits} Default
     * "probability"; an empty name leaves the column out.
     */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** {@return the rawPredictionCol param: the logits column (default "rawPrediction"; empty: none)} */
    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    /**
     * Sets {@link #probabilityCol()}.
     *
     * @param v the probabilities column's name, or "" for none
     * @return this model
     */
    public MyelinClassificationModel setProbabilityCol(String v) {
        return with(probabilityCol, v);
    }

    /**
     * Sets {@link #rawPredictionCol()}.
     *
     * @param v the logits column's name, or "" for none
     * @return this model
     */
    public MyelinClassificationModel setRawPredictionCol(String v) {
        return with(rawPredictionCol, v);
    }

    /** {@return the number of classes (the network's output width)} */
    public int numClasses() {
        return network().outputs();
    }

    @Override
    protected BatchInference.Columns columns() {
        return new BatchInference.Columns(str(rawPredictionCol), str(probabilityCol), str(predictionCol()));
    }

    @Override
    protected MyelinClassificationModel create(String uid, TrainedNetwork net) {
        return new MyelinClassificationModel(uid, net);
    }

    /** {@return Spark ML's reader of a saved model: the params, then the Myelin model file} */
    public static MLReader<MyelinClassificationModel> read() {
        return new Reader<>(MyelinClassificationModel.class, true, MyelinClassificationModel::new);
    }

    /**
     * Loads a model saved with {@code write().save(path)}, as MLlib's {@code load}.
     *
     * @param path the directory it was saved to (any Hadoop file system)
     * @return the model, with its params and weights (and an empty {@link #trainingLoss()})
     * @throws java.io.UncheckedIOException if the weights cannot be read
     */
    public static MyelinClassificationModel load(String path) {
        return read().load(path);
    }
}
