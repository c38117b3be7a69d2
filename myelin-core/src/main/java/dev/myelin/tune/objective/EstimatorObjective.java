package dev.myelin.tune.objective;

import dev.myelin.estimator.BaseMultilayerPerceptron;
import dev.myelin.estimator.CrossValidation;
import dev.myelin.estimator.MLPClassifier;
import dev.myelin.estimator.MLPRegressor;
import dev.myelin.tune.Config;
import dev.myelin.tune.Direction;
import dev.myelin.tune.Objective;
import dev.myelin.tune.TrialContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Fits an {@link MLPClassifier} or {@link MLPRegressor} configured from a {@link Config} and returns its score
 * (accuracy or R², maximized): either on a held-out validation set, or the mean of a k-fold cross-validation
 * ({@link CrossValidation#crossValScore}). Config names are the estimators' parameter names
 * ({@code hiddenLayerSizes, activation, solver, alpha, batchSize, learningRateInit, maxIter, ...}, see
 * {@link BaseMultilayerPerceptron#getParams()}) plus these shorthands: {@code hidden} for hiddenLayerSizes,
 * {@code depth} and {@code width} for {@code depth} hidden layers of {@code width} units, {@code lr} for
 * learningRateInit. A budget from the strategy (e.g. successive halving) sets maxIter. Unless the config sets
 * randomState, the trial's seed does.
 */
public final class EstimatorObjective implements Objective {

    /** Fits a fresh estimator with the given parameters and scores it. */
    private interface Scoring {
        double score(Map<String, Object> params);
    }

    private final Scoring scoring;

    private EstimatorObjective(Scoring scoring) {
        this.scoring = scoring;
    }

    /**
     * Mean accuracy of {@code cv}-fold stratified cross-validation on (x, y).
     *
     * @param base makes a fresh classifier, whose parameters each trial then sets
     * @param x the rows [n][features]
     * @param y their class labels
     * @param cv the number of folds, at least 2
     * @return the objective (maximized)
     */
    public static EstimatorObjective classifier(Supplier<MLPClassifier> base, float[][] x, int[] y, int cv) {
        Objects.requireNonNull(base, "base");
        checkData(x, y == null ? -1 : y.length, cv);
        return new EstimatorObjective(
                p -> mean(CrossValidation.crossValScore(() -> base.get().setParams(p), x, y, cv)));
    }

    /**
     * Accuracy on (xVal, yVal) after fitting on (xTrain, yTrain).
     *
     * @param base makes a fresh classifier, whose parameters each trial then sets
     * @param xTrain the training rows
     * @param yTrain their class labels
     * @param xVal the validation rows
     * @param yVal their class labels
     * @return the objective (maximized)
     */
    public static EstimatorObjective classifier(
            Supplier<MLPClassifier> base, float[][] xTrain, int[] yTrain, float[][] xVal, int[] yVal) {
        Objects.requireNonNull(base, "base");
        checkData(xTrain, yTrain == null ? -1 : yTrain.length, 0);
        checkData(xVal, yVal == null ? -1 : yVal.length, 0);
        return new EstimatorObjective(
                p -> base.get().setParams(p).fit(xTrain, yTrain).score(xVal, yVal));
    }

    /**
     * Mean R² of {@code cv}-fold cross-validation on (x, y).
     *
     * @param base makes a fresh regressor, whose parameters each trial then sets
     * @param x the rows [n][features]
     * @param y their targets
     * @param cv the number of folds, at least 2
     * @return the objective (maximized)
     */
    public static EstimatorObjective regressor(Supplier<MLPRegressor> base, float[][] x, float[] y, int cv) {
        Objects.requireNonNull(base, "base");
        checkData(x, y == null ? -1 : y.length, cv);
        return new EstimatorObjective(
                p -> mean(CrossValidation.crossValScore(() -> base.get().setParams(p), x, y, cv)));
    }

    /**
     * R² on (xVal, yVal) after fitting on (xTrain, yTrain).
     *
     * @param base makes a fresh regressor, whose parameters each trial then sets
     * @param xTrain the training rows
     * @param yTrain their targets
     * @param xVal the validation rows
     * @param yVal their targets
     * @return the objective (maximized)
     */
    public static EstimatorObjective regressor(
            Supplier<MLPRegressor> base, float[][] xTrain, float[] yTrain, float[][] xVal, float[] yVal) {
        Objects.requireNonNull(base, "base");
        checkData(xTrain, yTrain == null ? -1 : yTrain.length, 0);
        checkData(xVal, yVal == null ? -1 : yVal.length, 0);
        return new EstimatorObjective(
                p -> base.get().setParams(p).fit(xTrain, yTrain).score(xVal, yVal));
    }

    @Override
    public Direction direction() {
        return Direction.MAXIMIZE;
    }

    @Override
    public double evaluate(Config config, TrialContext ctx) {
        Map<String, Object> params = estimatorParams(config);
        if (ctx.budget() > 0) params.put("maxIter", (int) Math.max(1, Math.round(ctx.budget())));
        params.putIfAbsent("randomState", ctx.seed());
        return scoring.score(params);
    }

    /**
     * The estimator parameters a configuration describes: shorthands ({@code hidden}, {@code depth}/{@code width},
     * {@code lr}) expanded, everything else passed through under its own name.
     *
     * @param config a trial's configuration
     * @return the parameters, by the estimators' names, in the configuration's order
     */
    public static Map<String, Object> estimatorParams(Config config) {
        Map<String, Object> params = new LinkedHashMap<>();
        boolean layers = config.has("hidden") || config.has("hiddenLayerSizes");
        if (layers && (config.has("depth") || config.has("width")))
            throw new IllegalArgumentException("give either hidden/hiddenLayerSizes or depth/width, not both");
        if (config.has("hidden") && config.has("hiddenLayerSizes"))
            throw new IllegalArgumentException("give either 'hidden' or 'hiddenLayerSizes', not both");
        if (config.has("lr") && config.has("learningRateInit"))
            throw new IllegalArgumentException("give either 'lr' or 'learningRateInit', not both");
        if (config.has("depth") != config.has("width"))
            throw new IllegalArgumentException(
                    "'depth' and 'width' go together (depth hidden layers of width units); config " + config
                            + " has only one");
        for (var e : config.asMap().entrySet()) {
            switch (e.getKey()) {
                case "hidden" -> params.put("hiddenLayerSizes", config.getIntList("hidden"));
                case "lr" -> params.put("learningRateInit", config.getDouble("lr"));
                case "depth" ->
                    params.put("hiddenLayerSizes", Collections.nCopies(config.getInt("depth"), config.getInt("width")));
                case "width" -> {} // with depth
                default -> params.put(e.getKey(), e.getValue() instanceof List<?> l ? List.copyOf(l) : e.getValue());
            }
        }
        return params;
    }

    private static double mean(double[] scores) {
        return Arrays.stream(scores).average().orElse(Double.NaN);
    }

    private static void checkData(float[][] x, int ny, int cv) {
        if (x == null || ny < 0) throw new IllegalArgumentException("EstimatorObjective: X and y must not be null");
        if (x.length != ny)
            throw new IllegalArgumentException("EstimatorObjective: X has " + x.length + " samples but y has " + ny);
        if (x.length == 0) throw new IllegalArgumentException("EstimatorObjective: no samples");
        if (cv != 0 && (cv < 2 || cv > x.length))
            throw new IllegalArgumentException(
                    "EstimatorObjective: cv must be between 2 and n_samples (" + x.length + "), got " + cv);
    }
}
