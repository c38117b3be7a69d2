package dev.myelin.estimator;

import dev.myelin.data.split.IndexSplit;
import dev.myelin.data.split.Splits;
import dev.myelin.nn.Activation;
import dev.myelin.optim.LbfgsMinimizer;
import dev.myelin.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@link MLPClassifier} and {@link MLPRegressor} share, as scikit-learn's {@code BaseMultilayerPerceptron}:
 * the hyperparameters (fluent setters named like scikit-learn's parameters, in camelCase, with the same
 * defaults), the flat parameter vector, the stochastic training loop (sgd/adam with early stopping and
 * learning-rate schedules), the L-BFGS path and the fitted attributes.
 *
 * @param <S> the concrete estimator type, so that setters chain
 */
public abstract class BaseMultilayerPerceptron<S extends BaseMultilayerPerceptron<S>> {
    static final System.Logger LOG = System.getLogger("dev.myelin.estimator");
    /** Rows per chunk when a full-batch pass (L-BFGS, prediction) walks the data. */
    private static final int CHUNK = 2048;

    // The hyperparameters, each declared once (scikit-learn's names in camelCase, defaults and rules): the
    // setters below, getParams/setParams and the estimator files all read this table.
    static final Hyper<int[]> HIDDEN_LAYER_SIZES = new Hyper<>(
            "hiddenLayerSizes",
            new int[] {100},
            v -> v != null && java.util.Arrays.stream(v).allMatch(s -> s > 0),
            "> 0 (one size per hidden layer)",
            Hyper::wholeList,
            int[]::clone);
    static final Hyper<Activation> ACTIVATION =
            Hyper.choice("activation", Activation.RELU, HiddenActivation::of, HiddenActivation::sklearnName);
    static final Hyper<Solver> SOLVER = Hyper.lowerCase("solver", Solver.ADAM);
    static final Hyper<Double> ALPHA =
            Hyper.number("alpha", 1e-4, v -> v >= 0 && Double.isFinite(v), "a finite number >= 0");
    static final Hyper<Integer> BATCH_SIZE = new Hyper<>(
            "batchSize",
            -1,
            v -> v == -1 || v >= 1,
            ">= 1 (or batchSizeAuto())",
            v -> "auto".equals(v) ? -1 : Hyper.toInt(Hyper.whole(v)),
            v -> v < 0 ? "auto" : (Object) v); // -1 = "auto" = min(200, n_samples)
    static final Hyper<LearningRate> LEARNING_RATE = Hyper.lowerCase("learningRate", LearningRate.CONSTANT);
    static final Hyper<Double> LEARNING_RATE_INIT =
            Hyper.number("learningRateInit", 1e-3, v -> v > 0 && Double.isFinite(v), "> 0");
    static final Hyper<Double> POWER_T = Hyper.number("powerT", 0.5, v -> v >= 0 && Double.isFinite(v), ">= 0");
    static final Hyper<Integer> MAX_ITER = Hyper.whole("maxIter", 200, v -> v >= 1, ">= 1");
    static final Hyper<Boolean> SHUFFLE = Hyper.flag("shuffle", true);
    static final Hyper<Long> RANDOM_STATE = Hyper.seed("randomState");
    static final Hyper<Double> TOL = Hyper.number("tol", 1e-4, v -> v >= 0 && Double.isFinite(v), ">= 0");
    static final Hyper<Boolean> VERBOSE = Hyper.flag("verbose", false);
    static final Hyper<Boolean> WARM_START = Hyper.flag("warmStart", false);
    static final Hyper<Double> MOMENTUM = Hyper.number("momentum", 0.9, v -> v >= 0 && v <= 1, "in [0, 1]");
    static final Hyper<Boolean> NESTEROVS_MOMENTUM = Hyper.flag("nesterovsMomentum", true);
    static final Hyper<Boolean> EARLY_STOPPING = Hyper.flag("earlyStopping", false);
    static final Hyper<Double> VALIDATION_FRACTION =
            Hyper.number("validationFraction", 0.1, v -> v > 0 && v < 1, "in (0, 1)");
    static final Hyper<Double> BETA_1 = Hyper.number("beta1", 0.9, v -> v >= 0 && v < 1, "in [0, 1)");
    static final Hyper<Double> BETA_2 = Hyper.number("beta2", 0.999, v -> v >= 0 && v < 1, "in [0, 1)");
    static final Hyper<Double> EPSILON = Hyper.number("epsilon", 1e-8, v -> v > 0, "> 0");
    static final Hyper<Integer> N_ITER_NO_CHANGE = Hyper.whole("nIterNoChange", 10, v -> v >= 1, ">= 1");
    static final Hyper<Integer> MAX_FUN = Hyper.whole("maxFun", 15000, v -> v >= 1, ">= 1");
    private static final List<Hyper<?>> TABLE = List.of(
            HIDDEN_LAYER_SIZES,
            ACTIVATION,
            SOLVER,
            ALPHA,
            BATCH_SIZE,
            LEARNING_RATE,
            LEARNING_RATE_INIT,
            POWER_T,
            MAX_ITER,
            SHUFFLE,
            RANDOM_STATE,
            TOL,
            VERBOSE,
            WARM_START,
            MOMENTUM,
            NESTEROVS_MOMENTUM,
            EARLY_STOPPING,
            VALIDATION_FRACTION,
            BETA_1,
            BETA_2,
            EPSILON,
            N_ITER_NO_CHANGE,
            MAX_FUN);
    private final Hyperparameters hp = new Hyperparameters(name(), TABLE);

    // Fitted state.
    MlpNetwork net;
    float[] params;
    private StochasticOptimizer optimizer;
    private double loss = Double.NaN;
    private double bestLoss = Double.NaN;
    private double bestValidationScore = Double.NaN;
    private List<Double> lossCurve = new ArrayList<>();
    private List<Double> validationScores;
    private int nIter;
    private long tUpdates;
    private int noImprovementCount;
    private float[] bestParams;
    private String convergenceWarning;

    BaseMultilayerPerceptron() {}

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Name used in messages ("MLPClassifier"). */
    String name() {
        return getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- hyperparameters

    <T> T hyper(Hyper<T> h) {
        return hp.get(h);
    }

    private <T> S set(Hyper<T> h, T v) {
        hp.set(h, v);
        return self();
    }

    /**
     * Number of neurons of each hidden layer (default 100: one hidden layer of 100).
     *
     * @param sizes scikit-learn's {@code hidden_layer_sizes}: the width of each hidden layer, each > 0 (default {100})
     * @return this estimator, for chaining
     */
    public S hiddenLayerSizes(int... sizes) {
        if (sizes == null)
            throw new IllegalArgumentException("hiddenLayerSizes must not be null; pass e.g. hiddenLayerSizes(32, 16)");
        return set(HIDDEN_LAYER_SIZES, sizes.clone());
    }

    /**
     * Hidden-layer activation (default relu): identity, sigmoid (logistic), tanh or relu.
     *
     * @param a scikit-learn's {@code activation}: IDENTITY, SIGMOID (logistic), TANH or RELU (default RELU)
     * @return this estimator, for chaining
     */
    public S activation(Activation a) {
        return set(ACTIVATION, HiddenActivation.check(java.util.Objects.requireNonNull(a, "activation"), a));
    }

    /**
     * Hidden-layer activation by scikit-learn name: identity, logistic, tanh, relu.
     *
     * @param a scikit-learn's {@code activation} by name: identity, logistic, tanh or relu (default relu)
     * @return this estimator, for chaining
     */
    public S activation(String a) {
        return set(ACTIVATION, HiddenActivation.of(a));
    }

    /**
     * Weight optimizer (default adam).
     *
     * @param s scikit-learn's {@code solver}: LBFGS, SGD or ADAM (default ADAM)
     * @return this estimator, for chaining
     */
    public S solver(Solver s) {
        return set(SOLVER, java.util.Objects.requireNonNull(s, "solver"));
    }

    /**
     * Weight optimizer by scikit-learn name: lbfgs, sgd, adam.
     *
     * @param s scikit-learn's {@code solver} by name: lbfgs, sgd or adam (default adam)
     * @return this estimator, for chaining
     */
    public S solver(String s) {
        return set(SOLVER, Hyper.parseLowerCase(Solver.class, "solver", s));
    }

    /**
     * Strength of the L2 penalty: loss += alpha/(2·n_samples)·Σ‖W‖² (default 1e-4).
     *
     * @param v scikit-learn's {@code alpha}, a finite number >= 0 (default 1e-4)
     * @return this estimator, for chaining
     */
    public S alpha(double v) {
        return set(ALPHA, v);
    }

    /**
     * Mini-batch size for sgd/adam; ignored by lbfgs.
     *
     * @param v scikit-learn's {@code batch_size}, >= 1; clipped to n_samples
     * @return this estimator, for chaining
     */
    public S batchSize(int v) {
        return set(BATCH_SIZE, v);
    }

    /**
     * batchSize = "auto": min(200, n_samples) (the default).
     *
     * @return this estimator, for chaining
     */
    public S batchSizeAuto() {
        return set(BATCH_SIZE, -1);
    }

    /**
     * Learning-rate schedule of sgd (default constant).
     *
     * @param v scikit-learn's {@code learning_rate}: CONSTANT, INVSCALING or ADAPTIVE (default CONSTANT)
     * @return this estimator, for chaining
     */
    public S learningRate(LearningRate v) {
        return set(LEARNING_RATE, java.util.Objects.requireNonNull(v, "learningRate"));
    }

    /**
     * Learning-rate schedule by scikit-learn name: constant, invscaling, adaptive.
     *
     * @param v scikit-learn's {@code learning_rate} by name: constant, invscaling or adaptive (default constant)
     * @return this estimator, for chaining
     */
    public S learningRate(String v) {
        return set(LEARNING_RATE, Hyper.parseLowerCase(LearningRate.class, "learningRate", v));
    }

    /**
     * Initial step size of sgd/adam (default 0.001).
     *
     * @param v scikit-learn's {@code learning_rate_init}, > 0 (default 0.001)
     * @return this estimator, for chaining
     */
    public S learningRateInit(double v) {
        return set(LEARNING_RATE_INIT, v);
    }

    /**
     * Exponent of the invscaling schedule (default 0.5).
     *
     * @param v scikit-learn's {@code power_t}, >= 0 (default 0.5)
     * @return this estimator, for chaining
     */
    public S powerT(double v) {
        return set(POWER_T, v);
    }

    /**
     * Epochs for sgd/adam, iterations for lbfgs (default 200).
     *
     * @param v scikit-learn's {@code max_iter}, >= 1 (default 200)
     * @return this estimator, for chaining
     */
    public S maxIter(int v) {
        return set(MAX_ITER, v);
    }

    /**
     * Shuffle samples every epoch (sgd/adam; default true).
     *
     * @param v scikit-learn's {@code shuffle} (default true)
     * @return this estimator, for chaining
     */
    public S shuffle(boolean v) {
        return set(SHUFFLE, v);
    }

    /**
     * Seed for initialization, shuffling and the early-stopping split; null (default) = a fresh seed per fit.
     *
     * @param seed scikit-learn's {@code random_state}: a seed, or null for a fresh one per fit (default null)
     * @return this estimator, for chaining
     */
    public S randomState(Long seed) {
        return set(RANDOM_STATE, seed);
    }

    /**
     * Seed for initialization, shuffling and the early-stopping split.
     *
     * @param seed scikit-learn's {@code random_state} as a fixed seed
     * @return this estimator, for chaining
     */
    public S randomState(long seed) {
        return set(RANDOM_STATE, seed);
    }

    /**
     * Tolerance for the optimization (default 1e-4).
     *
     * @param v scikit-learn's {@code tol}, >= 0 (default 1e-4)
     * @return this estimator, for chaining
     */
    public S tol(double v) {
        return set(TOL, v);
    }

    /**
     * Print progress to standard output.
     *
     * @param v scikit-learn's {@code verbose} (default false)
     * @return this estimator, for chaining
     */
    public S verbose(boolean v) {
        return set(VERBOSE, v);
    }

    /**
     * Continue from the current weights on the next fit instead of re-initializing.
     *
     * @param v scikit-learn's {@code warm_start} (default false)
     * @return this estimator, for chaining
     */
    public S warmStart(boolean v) {
        return set(WARM_START, v);
    }

    /**
     * Momentum of sgd, in [0, 1] (default 0.9).
     *
     * @param v scikit-learn's {@code momentum}, in [0, 1] (default 0.9)
     * @return this estimator, for chaining
     */
    public S momentum(double v) {
        return set(MOMENTUM, v);
    }

    /**
     * Nesterov's momentum for sgd (default true).
     *
     * @param v scikit-learn's {@code nesterovs_momentum} (default true)
     * @return this estimator, for chaining
     */
    public S nesterovsMomentum(boolean v) {
        return set(NESTEROVS_MOMENTUM, v);
    }

    /**
     * Hold out validationFraction of the data and stop when its score stalls (sgd/adam; default false).
     *
     * @param v scikit-learn's {@code early_stopping} (default false)
     * @return this estimator, for chaining
     */
    public S earlyStopping(boolean v) {
        return set(EARLY_STOPPING, v);
    }

    /**
     * Share of training data held out for early stopping, in (0, 1) (default 0.1).
     *
     * @param v scikit-learn's {@code validation_fraction}, in (0, 1) (default 0.1)
     * @return this estimator, for chaining
     */
    public S validationFraction(double v) {
        return set(VALIDATION_FRACTION, v);
    }

    /**
     * Adam's first-moment decay, in [0, 1) (default 0.9).
     *
     * @param v scikit-learn's {@code beta_1}, in [0, 1) (default 0.9)
     * @return this estimator, for chaining
     */
    public S beta1(double v) {
        return set(BETA_1, v);
    }

    /**
     * Adam's second-moment decay, in [0, 1) (default 0.999).
     *
     * @param v scikit-learn's {@code beta_2}, in [0, 1) (default 0.999)
     * @return this estimator, for chaining
     */
    public S beta2(double v) {
        return set(BETA_2, v);
    }

    /**
     * Adam's numerical-stability term (default 1e-8).
     *
     * @param v scikit-learn's {@code epsilon}, > 0 (default 1e-8)
     * @return this estimator, for chaining
     */
    public S epsilon(double v) {
        return set(EPSILON, v);
    }

    /**
     * Epochs without tol improvement before stopping (sgd/adam; default 10).
     *
     * @param v scikit-learn's {@code n_iter_no_change}, >= 1 (default 10)
     * @return this estimator, for chaining
     */
    public S nIterNoChange(int v) {
        return set(N_ITER_NO_CHANGE, v);
    }

    /**
     * Maximum loss-function evaluations for lbfgs (default 15000).
     *
     * @param v scikit-learn's {@code max_fun}, >= 1 (default 15000)
     * @return this estimator, for chaining
     */
    public S maxFun(int v) {
        return set(MAX_FUN, v);
    }

    /**
     * All hyperparameters by camelCase name (enums by their scikit-learn names, batchSize "auto" or an Integer).
     *
     * @return the hyperparameters by camelCase name, in declaration order
     */
    public Map<String, Object> getParams() {
        return hp.toMap();
    }

    /**
     * Sets hyperparameters from a map as {@link #getParams()} returns it (numbers may be any Number), all or none: a
     * value of the wrong type is an IllegalArgumentException naming the parameter and the type it needs.
     *
     * @param params hyperparameters by camelCase name, as getParams() returns them
     * @return this estimator, for chaining
     */
    public S setParams(Map<String, ?> params) {
        hp.setAll(params);
        return self();
    }

    // ---------------------------------------------------------------- fitted attributes

    /** {@return the training loss of the last epoch (sgd/adam) or at the L-BFGS solution (scikit-learn's {@code loss_})} */
    public double loss() {
        requireFitted();
        return loss;
    }

    /** {@return the lowest training loss seen (scikit-learn's {@code best_loss_}): sgd/adam without early stopping; NaN otherwise, where scikit-learn has None} */
    public double bestLoss() {
        requireFitted();
        return bestLoss;
    }

    /** {@return the loss after each epoch (sgd/adam) or each L-BFGS iteration (scikit-learn's {@code loss_curve_}); its length equals nIter for a single fit} */
    public double[] lossCurve() {
        requireFitted();
        return lossCurve.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** {@return the validation score (accuracy or R²) after each epoch when earlyStopping is on, else null (scikit-learn's {@code validation_scores_})} */
    public double[] validationScores() {
        requireFitted();
        return validationScores == null
                ? null
                : validationScores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** {@return the best validation score when earlyStopping is on (its weights are the fitted ones), else NaN (scikit-learn's {@code best_validation_score_}, None there)} */
    public double bestValidationScore() {
        requireFitted();
        return bestValidationScore;
    }

    /** {@return copies of the weight matrices, coefs[i] of shape [fanIn][fanOut] (scikit-learn's {@code coefs_})} */
    public float[][][] coefs() {
        requireFitted();
        float[][][] out = new float[net.nLayers - 1][][];
        for (int i = 0; i < out.length; i++) {
            int fi = net.units[i];
            int fo = net.units[i + 1];
            out[i] = new float[fi][fo];
            for (int r = 0; r < fi; r++) {
                System.arraycopy(params, net.coefOff[i] + r * fo, out[i][r], 0, fo);
            }
        }
        return out;
    }

    /** {@return copies of the bias vectors, intercepts[i] of length fanOut (scikit-learn's {@code intercepts_})} */
    public float[][] intercepts() {
        requireFitted();
        float[][] out = new float[net.nLayers - 1][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(params, net.interceptOff[i], net.interceptOff[i] + net.units[i + 1]);
        }
        return out;
    }

    /** {@return the iterations (epochs) the solver ran (scikit-learn's {@code n_iter_})} */
    public int nIter() {
        requireFitted();
        return nIter;
    }

    /** {@return the number of layers including input and output (scikit-learn's {@code n_layers_})} */
    public int nLayers() {
        requireFitted();
        return net.nLayers;
    }

    /** {@return the number of outputs (scikit-learn's {@code n_outputs_})} */
    public int nOutputs() {
        requireFitted();
        return net.nOutputs();
    }

    /** {@return the number of input features seen in fit (scikit-learn's {@code n_features_in_})} */
    public int nFeaturesIn() {
        requireFitted();
        return net.nFeatures();
    }

    /** {@return the output activation: identity, logistic or softmax (scikit-learn's {@code out_activation_})} */
    public String outActivation() {
        requireFitted();
        return Hyper.lowerCase(net.output);
    }

    /** {@return the training samples seen by the solver (scikit-learn's {@code t_})} */
    public long tUpdates() {
        requireFitted();
        return tUpdates;
    }

    /** {@return the last fit's convergence warning (scikit-learn's ConvergenceWarning, also logged as a WARNING), empty if it converged} */
    public java.util.Optional<String> convergenceWarning() {
        return java.util.Optional.ofNullable(convergenceWarning);
    }

    /** The stochastic optimizer's current step size (scikit-learn's {@code _optimizer.learning_rate}), else NaN. */
    double currentLearningRate() {
        return optimizer == null ? Double.NaN : optimizer.learningRate;
    }

    /** Epochs since the last improvement (scikit-learn's {@code _no_improvement_count}). */
    int noImprovementCount() {
        return noImprovementCount;
    }

    /** {@return true once fit, partialFit or restore has run} */
    public boolean isFitted() {
        return params != null;
    }

    void requireFitted() {
        if (params == null) {
            throw new IllegalStateException(
                    "This " + name() + " instance is not fitted yet. Call fit(X, y) " + "before using this method.");
        }
    }

    // ---------------------------------------------------------------- restore

    /** Installs fitted weights (coefs[i] [fanIn][fanOut], intercepts[i] [fanOut]) for the given output layer. */
    void installWeights(float[][][] coefs, float[][] intercepts, OutputLayer output) {
        if (coefs == null || intercepts == null || coefs.length == 0 || coefs.length != intercepts.length) {
            throw new IllegalArgumentException("restore: need as many coefs as intercepts (at least 1 layer), got "
                    + (coefs == null ? "null" : coefs.length) + " and "
                    + (intercepts == null ? "null" : intercepts.length));
        }
        int[] units = new int[coefs.length + 1];
        units[0] = coefs[0].length;
        for (int i = 0; i < coefs.length; i++) {
            if (coefs[i].length != units[i] || coefs[i].length == 0) {
                throw new IllegalArgumentException("restore: coefs[" + i + "] has " + coefs[i].length
                        + " rows, expected " + units[i] + " (the previous layer's width)");
            }
            units[i + 1] = coefs[i][0].length;
            if (intercepts[i].length != units[i + 1]) {
                throw new IllegalArgumentException("restore: intercepts[" + i + "] has length " + intercepts[i].length
                        + ", expected " + units[i + 1]);
            }
        }
        hp.set(HIDDEN_LAYER_SIZES, Arrays.copyOfRange(units, 1, units.length - 1));
        if (hp.get(HIDDEN_LAYER_SIZES).length == 0) {
            throw new IllegalArgumentException("restore: a multilayer perceptron needs at least one hidden layer");
        }
        net = new MlpNetwork(units, hp.get(ACTIVATION), output);
        params = new float[net.size];
        for (int i = 0; i < coefs.length; i++) {
            for (int r = 0; r < units[i]; r++) {
                if (coefs[i][r].length != units[i + 1]) {
                    throw new IllegalArgumentException("restore: coefs[" + i + "] is ragged at row " + r);
                }
                System.arraycopy(coefs[i][r], 0, params, net.coefOff[i] + r * units[i + 1], units[i + 1]);
            }
            System.arraycopy(intercepts[i], 0, params, net.interceptOff[i], units[i + 1]);
        }
        for (float v : params) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("restore: weights contain " + v + "; the saved model is corrupt");
            }
        }
        optimizer = null;
        lossCurve = new ArrayList<>();
        validationScores = null;
        bestLoss = Double.POSITIVE_INFINITY;
    }

    // ---------------------------------------------------------------- prediction

    /** Checks the feature count against the fitted network. */
    void checkFeatures(int nFeatures) {
        requireFitted();
        if (nFeatures != net.nFeatures()) {
            throw new IllegalArgumentException("X has " + nFeatures + " features, but " + name() + " was fitted with "
                    + net.nFeatures() + " features");
        }
    }

    /** Network outputs (probabilities or values), n × nOutputs, computed in chunks. */
    float[] forwardAll(float[] x, int n) {
        int f = net.nFeatures();
        int nOut = net.nOutputs();
        float[] out = new float[n * nOut];
        MlpNetwork.Workspace ws = net.workspace(Math.min(n, CHUNK));
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            net.forward(params, x, start * f, rows, ws);
            System.arraycopy(ws.output(), 0, out, start * nOut, rows * nOut);
        }
        return out;
    }

    // ---------------------------------------------------------------- training

    /** Validation score (accuracy or R²) of outputs against targets, for early stopping. */
    abstract double validationScore(float[] outputs, float[] targets, int n);

    /**
     * Trains on row-major x (n × nFeatures) and targets y (n × nOut, one-hot / indicator / values).
     * {@code strata} (class index per sample, or null) stratifies the early-stopping split.
     */
    final void fitArrays(
            float[] x,
            int n,
            int nFeatures,
            float[] y,
            int nOut,
            OutputLayer output,
            boolean incremental,
            int[] strata) {
        boolean firstPass = params == null || (!hp.get(WARM_START) && !incremental);
        if (!firstPass) {
            checkFeatures(nFeatures);
            if (net.nOutputs() != nOut || net.output != output) {
                throw new IllegalArgumentException(name() + " was fitted with " + net.nOutputs() + " outputs ("
                        + Hyper.lowerCase(net.output) + "), but y now needs " + nOut + " (" + Hyper.lowerCase(output)
                        + "); fit from scratch (warmStart(false)) to change the targets");
            }
        }
        if (incremental && hp.get(SOLVER) == Solver.LBFGS) {
            throw new IllegalArgumentException("partialFit is only available for stochastic optimizers. lbfgs is not "
                    + "stochastic; use solver(\"sgd\") or solver(\"adam\")");
        }
        Generator rng = new Generator(hp.get(RANDOM_STATE) != null ? hp.get(RANDOM_STATE) : System.nanoTime());
        if (firstPass) {
            int[] units = new int[hp.get(HIDDEN_LAYER_SIZES).length + 2];
            units[0] = nFeatures;
            System.arraycopy(hp.get(HIDDEN_LAYER_SIZES), 0, units, 1, hp.get(HIDDEN_LAYER_SIZES).length);
            units[units.length - 1] = nOut;
            net = new MlpNetwork(units, hp.get(ACTIVATION), output);
            params = new float[net.size];
            net.initialize(params, rng);
            nIter = 0;
            tUpdates = 0;
            optimizer = null;
            lossCurve = new ArrayList<>();
            noImprovementCount = 0;
            bestParams = null;
            if (hp.get(EARLY_STOPPING)) {
                validationScores = new ArrayList<>();
                bestValidationScore = Double.NEGATIVE_INFINITY;
                bestLoss = Double.NaN;
            } else {
                validationScores = null;
                bestValidationScore = Double.NaN;
                bestLoss = Double.POSITIVE_INFINITY;
            }
        } else if (net.hidden != hp.get(ACTIVATION)
                || !Arrays.equals(hp.get(HIDDEN_LAYER_SIZES), Arrays.copyOfRange(net.units, 1, net.nLayers - 1))) {
            throw new IllegalArgumentException(name() + ": warmStart/partialFit need the fitted architecture "
                    + Arrays.toString(Arrays.copyOfRange(net.units, 1, net.nLayers - 1)) + " with "
                    + HiddenActivation.sklearnName(net.hidden) + "; set warmStart(false) to train a new network");
        }
        convergenceWarning = null;
        if (hp.get(SOLVER) == Solver.LBFGS) {
            fitLbfgs(x, n, y);
        } else {
            fitStochastic(x, n, y, incremental, strata, rng);
        }
        for (float v : params) {
            if (!Float.isFinite(v)) {
                // scikit-learn's ValueError, here the IllegalArgumentException of every other bad value.
                throw new IllegalArgumentException("Solver produced non-finite parameter weights. The input data may "
                        + "contain large values and need to be preprocessed." + overflowNote(x) + " Scale the data "
                        + "(e.g. with StandardScaler) or lower learningRateInit.");
            }
        }
    }

    /** Names the float32 overflow when X holds values finite in float64 that became infinite in float32. */
    private static String overflowNote(float[] x) {
        for (float v : x) {
            if (Float.isInfinite(v)) {
                return " X holds values beyond float32's range (|v| > " + Float.MAX_VALUE
                        + "), in which Myelin computes.";
            }
        }
        return "";
    }

    /** Full-batch objective at the current params: fills grad, returns scikit-learn's regularized loss. */
    double lossAndGradient(float[] x, int n, float[] y, float[] grad, MlpNetwork.Workspace ws) {
        int f = net.nFeatures();
        int nOut = net.nOutputs();
        double lossSum = 0;
        for (int start = 0; start < n; start += ws.capacity) {
            int rows = Math.min(ws.capacity, n - start);
            lossSum += net.backprop(params, x, start * f, y, start * nOut, rows, ws, grad, start > 0);
        }
        return net.finish(params, grad, lossSum, n, hp.get(ALPHA));
    }

    private void fitLbfgs(float[] x, int n, float[] y) {
        MlpNetwork.Workspace ws = net.workspace(Math.min(n, CHUNK));
        float[] grad = new float[net.size];
        double[] x0 = new double[net.size];
        for (int j = 0; j < x0.length; j++) {
            x0[j] = params[j];
        }
        LbfgsMinimizer.DifferentiableFunction objective = (w, g) -> {
            for (int j = 0; j < w.length; j++) {
                params[j] = (float) w[j];
            }
            double v = lossAndGradient(x, n, y, grad, ws);
            for (int j = 0; j < g.length; j++) {
                g[j] = grad[j];
            }
            return v;
        };
        lossCurve = new ArrayList<>();
        LbfgsMinimizer.Result res = new LbfgsMinimizer()
                .gtol(hp.get(TOL))
                .maxIter(hp.get(MAX_ITER))
                .maxFun(hp.get(MAX_FUN))
                .verbose(hp.get(VERBOSE))
                .minimize(objective, x0, lossCurve::add);
        for (int j = 0; j < params.length; j++) {
            params[j] = (float) res.x()[j];
        }
        nIter = Math.min(res.nIter(), hp.get(MAX_ITER));
        loss = res.fun();
        tUpdates += (long) n * res.nFev();
        if (res.status() != 0) {
            warn("lbfgs failed to converge (status=" + res.status() + "):\n" + res.message() + ".\n\n"
                    + "Increase the number of iterations (maxIter) or scale the data (e.g. StandardScaler).");
        }
    }

    private void fitStochastic(float[] x, int n, float[] y, boolean incremental, int[] strata, Generator rng) {
        int f = net.nFeatures();
        int nOut = net.nOutputs();
        if (!incremental || optimizer == null) {
            optimizer = hp.get(SOLVER) == Solver.SGD
                    ? new SgdOptimizer(
                            net.size,
                            hp.get(LEARNING_RATE_INIT),
                            hp.get(LEARNING_RATE),
                            hp.get(MOMENTUM),
                            hp.get(NESTEROVS_MOMENTUM),
                            hp.get(POWER_T))
                    : new AdamOptimizer(
                            net.size, hp.get(LEARNING_RATE_INIT), hp.get(BETA_1), hp.get(BETA_2), hp.get(EPSILON));
        }
        boolean early = hp.get(EARLY_STOPPING) && !incremental; // early stopping in partialFit makes no sense
        float[] xs = x;
        float[] ys = y;
        int ns = n;
        float[] xVal = null;
        float[] yVal = null;
        int nVal = 0;
        if (early) {
            if (validationScores == null) {
                validationScores = new ArrayList<>();
                bestValidationScore = Double.NEGATIVE_INFINITY;
            }
            IndexSplit split = Splits.trainTestIndices(n, hp.get(VALIDATION_FRACTION), rng, strata);
            xs = gatherRows(x, f, split.train());
            ys = gatherRows(y, nOut, split.train());
            ns = split.train().length;
            xVal = gatherRows(x, f, split.test());
            yVal = gatherRows(y, nOut, split.test());
            nVal = split.test().length;
        }
        int bs;
        if (hp.get(BATCH_SIZE) < 0) {
            bs = Math.min(200, ns);
        } else {
            if (hp.get(BATCH_SIZE) > ns) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Got `batchSize` less than 1 or larger than sample size. " + "It is going to be clipped");
            }
            bs = Math.max(1, Math.min(hp.get(BATCH_SIZE), ns));
        }
        MlpNetwork.Workspace ws = net.workspace(bs);
        float[] grad = new float[net.size];
        float[] xb = hp.get(SHUFFLE) ? new float[bs * f] : null;
        float[] yb = hp.get(SHUFFLE) ? new float[bs * nOut] : null;
        int[] order = new int[ns];
        for (int i = 0; i < ns; i++) {
            order[i] = i;
        }
        for (int it = 0; it < hp.get(MAX_ITER); it++) {
            if (hp.get(SHUFFLE)) {
                rng.shuffle(order);
            }
            double accumulated = 0;
            for (int start = 0; start < ns; start += bs) {
                int rows = Math.min(bs, ns - start);
                double batchSum;
                if (hp.get(SHUFFLE)) {
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(ys, order[start + r] * nOut, yb, r * nOut, nOut);
                    }
                    batchSum = net.backpropRows(params, xs, order, start, xb, yb, rows, ws, grad);
                } else {
                    batchSum = net.backprop(params, xs, start * f, ys, start * nOut, rows, ws, grad, false);
                }
                double batchLoss = net.finish(params, grad, batchSum, rows, hp.get(ALPHA));
                accumulated += batchLoss * rows;
                optimizer.updateParams(params, grad);
            }
            nIter++;
            loss = accumulated / ns;
            tUpdates += ns;
            lossCurve.add(loss);
            if (hp.get(VERBOSE)) {
                System.out.printf("Iteration %d, loss = %.8f%n", nIter, loss);
            }
            updateNoImprovementCount(early, xVal, yVal, nVal);
            optimizer.iterationEnds(tUpdates);
            if (noImprovementCount > hp.get(N_ITER_NO_CHANGE)) {
                String msg = early
                        ? String.format(
                                "Validation score did not improve more than tol=%f for %d consecutive epochs.",
                                hp.get(TOL), hp.get(N_ITER_NO_CHANGE))
                        : String.format(
                                "Training loss did not improve more than tol=%f for %d consecutive epochs.",
                                hp.get(TOL), hp.get(N_ITER_NO_CHANGE));
                if (optimizer.triggerStopping(msg, hp.get(VERBOSE))) {
                    break;
                }
                noImprovementCount = 0;
            }
            if (incremental) {
                break;
            }
            if (nIter == hp.get(MAX_ITER)) {
                warn("Stochastic Optimizer: Maximum iterations (" + hp.get(MAX_ITER) + ") reached and the optimization "
                        + "hasn't converged yet.");
            }
        }
        if (early && bestParams != null) {
            System.arraycopy(bestParams, 0, params, 0, params.length); // keep the best validation weights
        }
    }

    private void updateNoImprovementCount(boolean early, float[] xVal, float[] yVal, int nVal) {
        if (early) {
            double score = validationScore(forwardAll(xVal, nVal), yVal, nVal);
            validationScores.add(score);
            if (hp.get(VERBOSE)) {
                System.out.printf("Validation score: %f%n", score);
            }
            if (score < bestValidationScore + hp.get(TOL)) {
                noImprovementCount++;
            } else {
                noImprovementCount = 0;
            }
            if (score > bestValidationScore) {
                bestValidationScore = score;
                bestParams = params.clone();
            }
        } else {
            double last = lossCurve.get(lossCurve.size() - 1);
            if (last > bestLoss - hp.get(TOL)) {
                noImprovementCount++;
            } else {
                noImprovementCount = 0;
            }
            if (last < bestLoss) {
                bestLoss = last;
            }
        }
    }

    private void warn(String message) {
        convergenceWarning = message;
        LOG.log(System.Logger.Level.WARNING, "ConvergenceWarning: " + message);
    }

    static float[] gatherRows(float[] a, int width, int[] rows) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(a, rows[i] * width, out, i * width, width);
        }
        return out;
    }
}
