package dev.myelin.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.MLReader;

/** A fitted {@link MyelinClassifier}: adds rawPrediction (logits), probability and prediction columns. */
public final class MyelinClassificationModel extends MyelinModel<MyelinClassificationModel> {
    private final Param<String> probabilityCol, rawPredictionCol;

    public MyelinClassificationModel(String uid, TrainedNetwork net) {
        super(uid, net);
        probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column (empty: none)");
        rawPredictionCol = new Param<>(this, "rawPredictionCol", "logits column (empty: none)");
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
    }

    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    public MyelinClassificationModel setProbabilityCol(String v) {
        return with(probabilityCol, v);
    }

    public MyelinClassificationModel setRawPredictionCol(String v) {
        return with(rawPredictionCol, v);
    }

    /** Number of classes. */
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

    public static MLReader<MyelinClassificationModel> read() {
        return new Reader<>(MyelinClassificationModel.class, true, MyelinClassificationModel::new);
    }

    public static MyelinClassificationModel load(String path) {
        return read().load(path);
    }
}
