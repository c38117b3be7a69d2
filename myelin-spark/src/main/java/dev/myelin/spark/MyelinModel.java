package dev.myelin.spark;

import dev.myelin.nn.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A fitted Myelin network as a Spark ML {@link Model}: it appends its outputs to a DataFrame
 * ({@link BatchInference}) and is saved by Spark ML's writer as the params' metadata plus the weights as a Myelin
 * model file ({@code data/model.myelin}, readable by {@code myelin eval} and core's {@code ModelFile}).
 *
 * @param <M> the concrete model type, returned by the setters and {@link #copy}
 */
public abstract class MyelinModel<M extends MyelinModel<M>> extends Model<M> implements MLWritable {
    static final String MODEL_FILE = "data/model.myelin";

    /** This stage's unique id (Spark ML's {@code uid}). */
    private final String uid;
    /** The trained network: architecture JSON and flat weights. */
    private final TrainedNetwork net;
    /** The input and output column params. */
    private final Param<String> featuresCol, predictionCol;
    /** The mean training loss of each epoch; empty for a loaded model. */
    private List<Double> trainingLoss = List.of();

    /**
     * A model of {@code net} with the default column params.
     *
     * @param uid this stage's unique id
     * @param net the trained network
     */
    protected MyelinModel(String uid, TrainedNetwork net) {
        this.uid = uid;
        this.net = net;
        featuresCol = new Param<>(this, "featuresCol", "features column: a vector or array<float|double>");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** {@return the featuresCol param: the features column the model reads (default "features")} */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** {@return the predictionCol param: the column the model adds its predictions to (default "prediction")} */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /**
     * Sets a param, for the subclasses' setters.
     *
     * @param p one of this model's params
     * @param value its new value
     * @return this model
     */
    @SuppressWarnings("unchecked")
    protected final M with(Param<?> p, Object value) {
        set((Param<Object>) p, value);
        return (M) this;
    }

    /**
     * Sets {@link #featuresCol()}.
     *
     * @param v the features column's name
     * @return this model
     */
    public M setFeaturesCol(String v) {
        return with(featuresCol, v);
    }

    /**
     * Sets {@link #predictionCol()}.
     *
     * @param v the prediction column's name
     * @return this model
     */
    public M setPredictionCol(String v) {
        return with(predictionCol, v);
    }

    /**
     * {@return the value of a String param, set or default}
     *
     * @param p one of this model's String params
     */
    protected final String str(Param<String> p) {
        return getOrDefault(p);
    }

    TrainedNetwork network() {
        return net;
    }

    /** {@return the trained Myelin module (a fresh copy, built from the architecture and loaded with the weights)} */
    public Module module() {
        return net.module();
    }

    /** {@return the width of the features the model takes} */
    public int numFeatures() {
        return net.inputs();
    }

    /** {@return the mean training loss of each epoch (empty for a loaded model)} */
    public List<Double> trainingLoss() {
        return trainingLoss;
    }

    void setTrainingLoss(List<Double> loss) {
        trainingLoss = List.copyOf(loss);
    }

    /** {@return the output columns {@link #transform} adds; an empty name leaves that column out} */
    protected abstract BatchInference.Columns columns();

    /**
     * A model of the same type, for {@link #copy}.
     *
     * @param uid the new model's unique id
     * @param net the trained network
     * @return the new model, with default params
     */
    protected abstract M create(String uid, TrainedNetwork net);

    @Override
    public StructType transformSchema(StructType schema) {
        return BatchInference.outputSchema(
                schema,
                str(featuresCol),
                columns(),
                net.classification(),
                getClass().getSimpleName());
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        return BatchInference.transform(
                dataset, net, str(featuresCol), columns(), getClass().getSimpleName());
    }

    @Override
    public M copy(ParamMap extra) {
        M copy = copyValues(create(uid, net), extra);
        copy.setTrainingLoss(trainingLoss);
        return copy.setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** Writes the params' metadata (Spark ML's format) and the weights as a Myelin model file. */
    static final class Writer extends MLWriter {
        private final MyelinModel<?> model;

        Writer(MyelinModel<?> model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            SparkSession spark = sparkSession();
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, spark);
            try {
                java.nio.file.Path local = Files.createTempFile("myelin-spark", ".myelin");
                try {
                    model.net.save(local);
                    Path target = new Path(path, MODEL_FILE);
                    FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
                    fs.copyFromLocalFile(false, true, new Path(local.toUri()), target);
                } finally {
                    Files.deleteIfExists(local);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "could not save the model's weights under " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads what {@link Writer} wrote: the params, then the Myelin model file. */
    static final class Reader<M extends MyelinModel<M>> extends MLReader<M> {
        private final Class<M> type;
        private final boolean classification;
        private final BiFunction<String, TrainedNetwork, M> factory;

        Reader(Class<M> type, boolean classification, BiFunction<String, TrainedNetwork, M> factory) {
            this.type = type;
            this.classification = classification;
            this.factory = factory;
        }

        @Override
        public M load(String path) {
            SparkSession spark = sparkSession();
            DefaultParamsReader.Metadata metadata =
                    DefaultParamsReader$.MODULE$.loadMetadata(path, spark, type.getName());
            try {
                java.nio.file.Path local = Files.createTempFile("myelin-spark", ".myelin");
                try {
                    Path source = new Path(path, MODEL_FILE);
                    FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
                    fs.copyToLocalFile(false, source, new Path(local.toUri()), true);
                    M model = factory.apply(metadata.uid(), TrainedNetwork.load(local, classification));
                    metadata.getAndSetParams(model, metadata.getAndSetParams$default$2());
                    return model;
                } finally {
                    Files.deleteIfExists(local);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "could not load the model's weights from " + path + "/" + MODEL_FILE + ": " + e.getMessage(),
                        e);
            }
        }
    }
}
