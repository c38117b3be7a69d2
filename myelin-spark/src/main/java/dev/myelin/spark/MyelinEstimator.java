package dev.myelin.spark;

import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The Params and the fit of {@link MyelinClassifier} and {@link MyelinRegressor}: columns, architecture (the
 * built-in "mlp" sized by {@code hiddenLayers}, or an architecture JSON), optimizer settings, epochs, batch size,
 * seed, and the distributed {@link TrainingMode}. Defaults are {@code myelin train}'s (adam, lr 1e-3, batch 128).
 * Each setter returns this estimator typed as the caller's variable, so calls chain on a {@link MyelinClassifier}
 * or {@link MyelinRegressor}.
 *
 * @param <M> the model {@link #fit} returns
 */
public abstract class MyelinEstimator<M extends MyelinModel<M>> extends Estimator<M> implements DefaultParamsWritable {
    /** This stage's unique id (Spark ML's {@code uid}). */
    private final String uid;
    /** The String params: column names, architecture, activation, optimizer and training mode. */
    private final Param<String> featuresCol, labelCol, predictionCol, architecture, activation, optimizer, mode;
    /** The built-in MLP's hidden widths. */
    private final IntArrayParam hiddenLayers;
    /** The optimizer's numeric settings. */
    private final DoubleParam learningRate, momentum, weightDecay;
    /** The training loop's counts. */
    private final IntParam epochs, batchSize, localSteps;
    /** The seed of initialization, data order and dropout. */
    private final LongParam seed;

    /**
     * Declares the params with their defaults.
     *
     * @param uid this stage's unique id
     */
    protected MyelinEstimator(String uid) {
        this.uid = uid;
        featuresCol = new Param<>(this, "featuresCol", "features column: a vector or array<float|double>");
        labelCol = new Param<>(this, "labelCol", "label column: class index or regression target");
        predictionCol = new Param<>(this, "predictionCol", "prediction column name");
        architecture = new Param<>(this, "architecture", "\"mlp\" (sized by hiddenLayers) or an architecture JSON");
        activation = new Param<>(this, "activation", "the built-in mlp's activation (relu, tanh, ...)");
        optimizer = new Param<>(this, "optimizer", "adam, adamw, sgd, rmsprop, adagrad or gd");
        mode = new Param<>(
                this, "mode", "distributed training: sync (gradients summed each step) or averaging (local SGD)");
        hiddenLayers = new IntArrayParam(this, "hiddenLayers", "hidden widths of the built-in mlp");
        learningRate = new DoubleParam(this, "learningRate", "the optimizer's learning rate (> 0)");
        momentum = new DoubleParam(this, "momentum", "sgd's momentum");
        weightDecay = new DoubleParam(this, "weightDecay", "weight decay (>= 0)");
        epochs = new IntParam(this, "epochs", "passes over the data (>= 1)");
        batchSize = new IntParam(this, "batchSize", "global batch size (>= 1)");
        localSteps = new IntParam(this, "localSteps", "averaging mode: local steps between averagings (>= 1)");
        seed = new LongParam(this, "seed", "seed of initialization, data order and dropout");
        setDefault(featuresCol, "features");
        setDefault(labelCol, "label");
        setDefault(predictionCol, "prediction");
        setDefault(architecture, NetworkSpec.MLP);
        setDefault(activation, "relu");
        setDefault(optimizer, "adam");
        setDefault(mode, TrainingMode.AVERAGING.key());
        setDefault(hiddenLayers, new int[] {256, 128});
        setDefault(learningRate, 1e-3);
        setDefault(momentum, 0.9);
        setDefault(weightDecay, 0.0);
        setDefault(epochs, 10);
        setDefault(batchSize, 128);
        setDefault(localSteps, 8);
        setDefault(seed, 42L);
    }

    @Override
    public String uid() {
        return uid;
    }

    /**
     * {@return the featuresCol param: the features column, a vector or array&lt;float|double&gt;} Default
     * "features".
     */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /**
     * {@return the labelCol param: the label column, a class index (classifier) or a numeric target (regressor)}
     * Default "label".
     */
    public Param<String> labelCol() {
        return labelCol;
    }

    /** {@return the predictionCol param: the column the fitted model adds its predictions to (default "prediction")} */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /**
     * {@return the architecture param: "mlp" or an architecture JSON} "mlp" (the default) is the built-in MLP sized by
     * {@link #hiddenLayers()} and {@link #activation()}; a JSON object (<code>{"type": ...}</code>) is core's
     * {@code Architecture} format.
     */
    public Param<String> architecture() {
        return architecture;
    }

    /** {@return the activation param: the built-in MLP's activation, relu, tanh, ... (default "relu")} */
    public Param<String> activation() {
        return activation;
    }

    /** {@return the optimizer param: adam, adamw, sgd, rmsprop, adagrad or gd (default "adam")} */
    public Param<String> optimizer() {
        return optimizer;
    }

    /** {@return the mode param: the distributed {@link TrainingMode}, "sync" or "averaging" (default "averaging")} */
    public Param<String> mode() {
        return mode;
    }

    /** {@return the hiddenLayers param: the built-in MLP's hidden widths (default [256, 128])} */
    public IntArrayParam hiddenLayers() {
        return hiddenLayers;
    }

    /** {@return the learningRate param: the optimizer's learning rate, &gt; 0 (default 1e-3)} */
    public DoubleParam learningRate() {
        return learningRate;
    }

    /** {@return the momentum param: sgd's momentum (default 0.9)} */
    public DoubleParam momentum() {
        return momentum;
    }

    /** {@return the weightDecay param: the optimizer's weight decay, &gt;= 0 (default 0)} */
    public DoubleParam weightDecay() {
        return weightDecay;
    }

    /** {@return the epochs param: the passes over the data, &gt;= 1 (default 10)} */
    public IntParam epochs() {
        return epochs;
    }

    /** {@return the batchSize param: the global batch size over all partitions, &gt;= 1 (default 128)} */
    public IntParam batchSize() {
        return batchSize;
    }

    /**
     * {@return the localSteps param: in averaging mode, the local steps each partition takes between two averagings}
     * At least 1; default 8.
     */
    public IntParam localSteps() {
        return localSteps;
    }

    /** {@return the seed param: the seed of initialization, data order and dropout (default 42)} */
    public LongParam seed() {
        return seed;
    }

    @SuppressWarnings("unchecked")
    private <S extends MyelinEstimator<M>> S with(Param<?> p, Object value) {
        set((Param<Object>) p, value);
        return (S) this;
    }

    /**
     * Sets {@link #featuresCol()}.
     *
     * @param <S> this estimator's type
     * @param v the features column's name
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setFeaturesCol(String v) {
        return with(featuresCol, v);
    }

    /**
     * Sets {@link #labelCol()}.
     *
     * @param <S> this estimator's type
     * @param v the label column's name
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setLabelCol(String v) {
        return with(labelCol, v);
    }

    /**
     * Sets {@link #predictionCol()}.
     *
     * @param <S> this estimator's type
     * @param v the prediction column's name
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setPredictionCol(String v) {
        return with(predictionCol, v);
    }

    /**
     * Sets {@link #architecture()}. Checked when {@link #fit} runs.
     *
     * @param <S> this estimator's type
     * @param v "mlp" or an architecture JSON
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setArchitecture(String v) {
        return with(architecture, v);
    }

    /**
     * Sets {@link #activation()}. Checked when {@link #fit} runs.
     *
     * @param <S> this estimator's type
     * @param v the built-in MLP's activation name
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setActivation(String v) {
        return with(activation, v);
    }

    /**
     * Sets {@link #optimizer()}. Checked when {@link #fit} runs.
     *
     * @param <S> this estimator's type
     * @param v the optimizer's name
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setOptimizer(String v) {
        return with(optimizer, v);
    }

    /**
     * Sets {@link #mode()}.
     *
     * @param <S> this estimator's type
     * @param v "sync" or "averaging" (any case)
     * @return this estimator
     * @throws IllegalArgumentException if {@code v} names no mode
     */
    public <S extends MyelinEstimator<M>> S setMode(String v) {
        return with(mode, TrainingMode.fromName(v).key());
    }

    /**
     * Sets {@link #hiddenLayers()}.
     *
     * @param <S> this estimator's type
     * @param v the hidden widths (copied)
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setHiddenLayers(int... v) {
        return with(hiddenLayers, v.clone());
    }

    /**
     * Sets {@link #learningRate()}. Checked when {@link #fit} runs.
     *
     * @param <S> this estimator's type
     * @param v the learning rate
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setLearningRate(double v) {
        return with(learningRate, v);
    }

    /**
     * Sets {@link #momentum()}.
     *
     * @param <S> this estimator's type
     * @param v sgd's momentum
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setMomentum(double v) {
        return with(momentum, v);
    }

    /**
     * Sets {@link #weightDecay()}. Checked when {@link #fit} runs.
     *
     * @param <S> this estimator's type
     * @param v the weight decay
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setWeightDecay(double v) {
        return with(weightDecay, v);
    }

    /**
     * Sets {@link #epochs()}. Checked when {@link #fit} runs.
     *
     * @param <S> this estimator's type
     * @param v the passes over the data
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setEpochs(int v) {
        return with(epochs, v);
    }

    /**
     * Sets {@link #batchSize()}. Checked when {@link #fit} runs.
     *
     * @param <S> this estimator's type
     * @param v the global batch size
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setBatchSize(int v) {
        return with(batchSize, v);
    }

    /**
     * Sets {@link #localSteps()}. Checked when {@link #fit} runs.
     *
     * @param <S> this estimator's type
     * @param v the local steps between averagings
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setLocalSteps(int v) {
        return with(localSteps, v);
    }

    /**
     * Sets {@link #seed()}.
     *
     * @param <S> this estimator's type
     * @param v the seed
     * @return this estimator
     */
    public <S extends MyelinEstimator<M>> S setSeed(long v) {
        return with(seed, v);
    }

    /**
     * {@return the value of a String param, set or default}
     *
     * @param p one of this stage's String params
     */
    protected final String str(Param<String> p) {
        return getOrDefault(p);
    }

    /** The validated training settings. */
    TrainingSettings settings() {
        return new TrainingSettings(
                str(optimizer),
                (Double) getOrDefault(learningRate),
                (Double) getOrDefault(momentum),
                (Double) getOrDefault(weightDecay),
                (Integer) getOrDefault(batchSize),
                (Integer) getOrDefault(epochs),
                (Long) getOrDefault(seed),
                TrainingMode.fromName(str(mode)),
                (Integer) getOrDefault(localSteps));
    }

    /** {@return the stage's name in messages: the class's simple name} */
    protected final String stage() {
        return getClass().getSimpleName();
    }

    /** {@return true for a classifier (cross-entropy on class indices), false for a regressor (mean squared error)} */
    protected abstract boolean classification();

    /**
     * The number of outputs: classes found in (or set for) the data, or 1 for a regressor.
     *
     * @param df the training data
     * @return the network's output width
     */
    protected abstract int outputs(Dataset<Row> df);

    /**
     * The model that holds {@code net}, with this estimator's column params copied.
     *
     * @param uid the model's unique id
     * @param net the trained network
     * @return the fitted model
     */
    protected abstract M model(String uid, TrainedNetwork net);

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureColumn.requireFeatures(schema, str(featuresCol), stage());
        FeatureColumn.requireLabel(schema, str(labelCol), stage());
        return BatchInference.outputSchema(schema, str(featuresCol), columns(), classification(), stage());
    }

    /** {@return the output columns the model adds (here only the prediction column)} */
    protected BatchInference.Columns columns() {
        return new BatchInference.Columns("", "", str(predictionCol));
    }

    @Override
    public M fit(Dataset<?> dataset) {
        Dataset<Row> df = dataset.toDF();
        transformSchema(df.schema());
        TrainingSettings settings = settings();
        List<Row> head = df.select(str(featuresCol)).takeAsList(1);
        Row first = head.isEmpty() ? null : head.getFirst();
        if (first == null) throw new IllegalArgumentException(stage() + ": the training data has no rows");
        if (first.get(0) == null)
            throw new IllegalArgumentException(
                    stage() + ": column '" + str(featuresCol) + "' (featuresCol) is null at row 0");
        int width = FeatureColumn.width(first.get(0));
        if (width < 1)
            throw new IllegalArgumentException(
                    stage() + ": column '" + str(featuresCol) + "' (featuresCol) has width 0");
        int outputs = outputs(df);
        List<Integer> hidden =
                Arrays.stream((int[]) getOrDefault(hiddenLayers)).boxed().toList();
        Module model = NetworkSpec.initial(
                str(architecture), hidden, str(activation), width, outputs, new Generator(settings.seed()));
        NetworkSpec spec = NetworkSpec.of(model, width, outputs, classification());
        JavaRDD<Shard> shards = Shards.of(df, str(featuresCol), str(labelCol), width, classification() ? outputs : 0);
        try {
            DistributedTrainer.Result result = DistributedTrainer.train(shards, model, spec, settings);
            M m = model(uid + "_model", TrainedNetwork.of(result.model(), width, outputs, classification()));
            copyValues(m, extractParamMap());
            m.setTrainingLoss(result.epochLoss());
            m.setParent(this);
            return m;
        } finally {
            shards.unpersist(false);
        }
    }
}
