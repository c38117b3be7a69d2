package dev.myelin.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A Myelin network trained as a regressor of one numeric label column (mean squared error), distributed. */
public final class MyelinRegressor extends MyelinEstimator<MyelinRegressionModel> {
    /** A regressor with a random uid and the default params. */
    public MyelinRegressor() {
        this(Identifiable$.MODULE$.randomUID("myelinRegressor"));
    }

    /**
     * A regressor with the given uid and the default params (Spark ML's reader uses it).
     *
     * @param uid this stage's unique id
     */
    public MyelinRegressor(String uid) {
        super(uid);
    }

    @Override
    protected boolean classification() {
        return false;
    }

    @Override
    protected int outputs(Dataset<Row> df) {
        return 1;
    }

    @Override
    protected MyelinRegressionModel model(String uid, TrainedNetwork net) {
        return new MyelinRegressionModel(uid, net);
    }

    @Override
    public MyelinRegressor copy(ParamMap extra) {
        return (MyelinRegressor) defaultCopy(extra);
    }

    /** {@return Spark ML's reader of a saved (unfitted) regressor's params} */
    public static MLReader<MyelinRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a regressor saved with {@code write().save(path)}, as MLlib's {@code load}.
     *
     * @param path the directory it was saved to (any Hadoop file system)
     * @return the regressor with its saved params
     */
    public static MyelinRegressor load(String path) {
        return read().load(path);
    }
}
