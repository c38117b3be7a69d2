package dev.myelin.spark;

import org.apache.spark.ml.util.MLReader;

/** A fitted {@link MyelinRegressor}: adds the prediction column. */
public final class MyelinRegressionModel extends MyelinModel<MyelinRegressionModel> {
    /**
     * A model of {@code net} with the default column params; {@link MyelinRegressor#fit} and {@link #load} make them.
     *
     * @param uid this stage's unique id
     * @param net the trained network
     */
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

    /** {@return Spark ML's reader of a saved model: the params, then the Myelin model file} */
    public static MLReader<MyelinRegressionModel> read() {
        return new Reader<>(MyelinRegressionModel.class, false, MyelinRegressionModel::new);
    }

    /**
     * Loads a model saved with {@code write().save(path)}, as MLlib's {@code load}.
     *
     * @param path the directory it was saved to (any Hadoop file system)
     * @return the model, with its params and weights (and an empty {@link #trainingLoss()})
     * @throws java.io.UncheckedIOException if the weights cannot be read
     */
    public static MyelinRegressionModel load(String path) {
        return read().load(path);
    }
}
