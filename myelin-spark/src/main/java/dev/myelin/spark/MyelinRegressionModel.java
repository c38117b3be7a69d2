package dev.myelin.spark;

import org.apache.spark.ml.util.MLReader;

/** A fitted {@link MyelinRegressor}: adds the prediction column. */
public final class MyelinRegressionModel extends MyelinModel<MyelinRegressionModel> {
    public MyelinRegressionModel(String uid, TrainedNetwork net) {
        super(uid, net);
    }

    @Override
    protected BatchInference.Columns columns() {
        return new BatchInference.Columns("", "", str(predictionCol()));
    }

    @Override
    protected MyelinRegressionModel create(String uid, TrainedNetwork net) {
        return new MyelinRegressionModel(uid, net);
    }

    public static MLReader<MyelinRegressionModel> read() {
        return new Reader<>(MyelinRegressionModel.class, false, MyelinRegressionModel::new);
    }

    public static MyelinRegressionModel load(String path) {
        return read().load(path);
    }
}
