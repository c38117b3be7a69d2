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
 */
public abstract class MyelinEstimator<M extends MyelinModel<M>> extends Estimator<M> implements DefaultParamsWritable {
    private final String uid;
    private final Param<String> featuresCol, labelCol, predictionCol, architecture, activation, optimizer, mode;
    private final IntArrayParam hiddenLayers;
    private final DoubleParam learningRate, momentum, weightDecay;
    private final IntParam epochs, batchSize, localSteps;
    private final LongParam seed;

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

    public Param<String> featuresCol() {
        return featuresCol;
    }

    public Param<String> labelCol() {
        return labelCol;
    }

    public Param<String> predictionCol() {
        return predictionCol;
    }

    public Param<String> architecture() {
        return architecture;
    }

    public Param<String> activation() {
        return activation;
    }

    public Param<String> optimizer() {
        return optimizer;
    }

    public Param<String> mode() {
        return mode;
    }

    public IntArrayParam hiddenLayers() {
        return hiddenLayers;
    }

    public DoubleParam learningRate() {
        return learningRate;
    }

    public DoubleParam momentum() {
        return momentum;
    }

    public DoubleParam weightDecay() {
        return weightDecay;
    }

    public IntParam epochs() {
        return epochs;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public IntParam localSteps() {
        return localSteps;
    }

    public LongParam seed() {
        return seed;
    }

    @SuppressWarnings("unchecked")
    private <S extends MyelinEstimator<M>> S with(Param<?> p, Object value) {
        set((Param<Object>) p, value);
        return (S) this;
    }

    public <S extends MyelinEstimator<M>> S setFeaturesCol(String v) {
        return with(featuresCol, v);
    }

    public <S extends MyelinEstimator<M>> S setLabelCol(String v) {
        return with(labelCol, v);
    }

    public <S extends MyelinEstimator<M>> S setPredictionCol(String v) {
        return with(predictionCol, v);
    }

    public <S extends MyelinEstimator<M>> S setArchitecture(String v) {
        return with(architecture, v);
    }

    public <S extends MyelinEstimator<M>> S setActivation(String v) {
        return with(activation, v);
    }

    public <S extends MyelinEstimator<M>> S setOptimizer(String v) {
        return with(optimizer, v);
    }

    public <S extends MyelinEstimator<M>> S setMode(String v) {
        return with(mode, TrainingMode.fromName(v).key());
    }

    public <S extends MyelinEstimator<M>> S setHiddenLayers(int... v) {
        return with(hiddenLayers, v.clone());
    }

    public <S extends MyelinEstimator<M>> S setLearningRate(double v) {
        return with(learningRate, v);
    }

    public <S extends MyelinEstimator<M>> S setMomentum(double v) {
        return with(momentum, v);
    }

    public <S extends MyelinEstimator<M>> S setWeightDecay(double v) {
        return with(weightDecay, v);
    }

    public <S extends MyelinEstimator<M>> S setEpochs(int v) {
        return with(epochs, v);
    }

    public <S extends MyelinEstimator<M>> S setBatchSize(int v) {
        return with(batchSize, v);
    }

    public <S extends MyelinEstimator<M>> S setLocalSteps(int v) {
        return with(localSteps, v);
    }

    public <S extends MyelinEstimator<M>> S setSeed(long v) {
        return with(seed, v);
    }

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

    /** The stage's name in messages. */
    protected final String stage() {
        return getClass().getSimpleName();
    }

    protected abstract boolean classification();

    /** The number of outputs: classes found in (or set for) the data, or 1 for a regressor. */
    protected abstract int outputs(Dataset<Row> df);

    /** The model that holds {@code net}, with this estimator's column params copied. */
    protected abstract M model(String uid, TrainedNetwork net);

    @Override
    public StructType transformSchema(StructType schema) {
        FeatureColumn.requireFeatures(schema, str(featuresCol), stage());
        FeatureColumn.requireLabel(schema, str(labelCol), stage());
        return BatchInference.outputSchema(schema, str(featuresCol), columns(), classification(), stage());
    }

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
