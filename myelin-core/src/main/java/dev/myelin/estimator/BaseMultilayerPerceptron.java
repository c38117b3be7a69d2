package dev.myelin.estimator;

import dev.myelin.optim.LbfgsMinimizer;
import dev.myelin.nn.Activation;
import dev.myelin.data.split.IndexSplit;
import dev.myelin.data.split.Splits;
import dev.myelin.tensor.Generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

    // Hyperparameters (scikit-learn defaults).
    private int[] hiddenLayerSizes = {100};
    private Activation activation = Activation.RELU;
    private Solver solver = Solver.ADAM;
    private double alpha = 1e-4;
    private int batchSize = -1; // -1 = "auto" = min(200, n_samples)
    private LearningRate learningRate = LearningRate.CONSTANT;
    private double learningRateInit = 1e-3;
    private double powerT = 0.5;
    private int maxIter = 200;
    private boolean shuffle = true;
    private Long randomState = null;
    private double tol = 1e-4;
    private boolean verbose = false;
    private boolean warmStart = false;
    private double momentum = 0.9;
    private boolean nesterovsMomentum = true;
    private boolean earlyStopping = false;
    private double validationFraction = 0.1;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double epsilon = 1e-8;
    private int nIterNoChange = 10;
    private int maxFun = 15000;

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

    BaseMultilayerPerceptron() {
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Name used in messages ("MLPClassifier"). */
    String name() {
        return getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- hyperparameters

    /** Number of neurons of each hidden layer (default 100: one hidden layer of 100). */
    public S hiddenLayerSizes(int... sizes) {
        if (sizes == null) {
            throw new IllegalArgumentException("hiddenLayerSizes must not be null; pass e.g. hiddenLayerSizes(32, 16)");
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("hidden_layer_sizes must be > 0, got " + Arrays.toString(sizes));
            }
        }
        this.hiddenLayerSizes = sizes.clone();
        return self();
    }

    /** Hidden-layer activation (default relu). */
    public S activation(Activation a) {
        this.activation = HiddenActivation.check(java.util.Objects.requireNonNull(a, "activation"), a);
        return self();
    }

    /** Hidden-layer activation by scikit-learn name: identity, logistic, tanh, relu. */
    public S activation(String a) {
        return activation(HiddenActivation.of(a));
    }

    /** Weight optimizer (default adam). */
    public S solver(Solver s) {
        this.solver = java.util.Objects.requireNonNull(s, "solver");
        return self();
    }

    /** Weight optimizer by scikit-learn name: lbfgs, sgd, adam. */
    public S solver(String s) {
        return solver(Solver.of(s));
    }

    /** Strength of the L2 penalty: loss += alpha/(2·n_samples)·Σ‖W‖² (default 1e-4). */
    public S alpha(double v) {
        requireThat(v >= 0 && Double.isFinite(v), "alpha must be a finite number >= 0, got " + v);
        this.alpha = v;
        return self();
    }

    /** Mini-batch size for sgd/adam; ignored by lbfgs. */
    public S batchSize(int v) {
        requireThat(v >= 1, "batchSize must be >= 1 (or batchSizeAuto()), got " + v);
        this.batchSize = v;
        return self();
    }

    /** batchSize = "auto": min(200, n_samples) (the default). */
    public S batchSizeAuto() {
        this.batchSize = -1;
        return self();
    }

    /** Learning-rate schedule of sgd (default constant). */
    public S learningRate(LearningRate v) {
        this.learningRate = java.util.Objects.requireNonNull(v, "learningRate");
        return self();
    }

    /** Learning-rate schedule by scikit-learn name: constant, invscaling, adaptive. */
    public S learningRate(String v) {
        return learningRate(LearningRate.of(v));
    }

    /** Initial step size of sgd/adam (default 0.001). */
    public S learningRateInit(double v) {
        requireThat(v > 0 && Double.isFinite(v), "learningRateInit must be > 0, got " + v);
        this.learningRateInit = v;
        return self();
    }

    /** Exponent of the invscaling schedule (default 0.5). */
    public S powerT(double v) {
        requireThat(v >= 0 && Double.isFinite(v), "powerT must be >= 0, got " + v);
        this.powerT = v;
        return self();
    }

    /** Epochs for sgd/adam, iterations for lbfgs (default 200). */
    public S maxIter(int v) {
        requireThat(v >= 1, "maxIter must be >= 1, got " + v);
        this.maxIter = v;
        return self();
    }

    /** Shuffle samples every epoch (sgd/adam; default true). */
    public S shuffle(boolean v) {
        this.shuffle = v;
        return self();
    }

    /** Seed for initialization, shuffling and the early-stopping split; null (default) = a fresh seed per fit. */
    public S randomState(Long seed) {
        this.randomState = seed;
        return self();
    }

    /** Seed for initialization, shuffling and the early-stopping split. */
    public S randomState(long seed) {
        return randomState(Long.valueOf(seed));
    }

    /** Tolerance for the optimization (default 1e-4). */
    public S tol(double v) {
        requireThat(v >= 0 && Double.isFinite(v), "tol must be >= 0, got " + v);
        this.tol = v;
        return self();
    }

    /** Print progress to standard output. */
    public S verbose(boolean v) {
        this.verbose = v;
        return self();
    }

    /** Continue from the current weights on the next fit instead of re-initializing. */
    public S warmStart(boolean v) {
        this.warmStart = v;
        return self();
    }

    /** Momentum of sgd, in [0, 1] (default 0.9). */
    public S momentum(double v) {
        requireThat(v >= 0 && v <= 1, "momentum must be in [0, 1], got " + v);
        this.momentum = v;
        return self();
    }

    /** Nesterov's momentum for sgd (default true). */
    public S nesterovsMomentum(boolean v) {
        this.nesterovsMomentum = v;
        return self();
    }

    /** Hold out validationFraction of the data and stop when its score stalls (sgd/adam; default false). */
    public S earlyStopping(boolean v) {
        this.earlyStopping = v;
        return self();
    }

    /** Share of training data held out for early stopping, in (0, 1) (default 0.1). */
    public S validationFraction(double v) {
        requireThat(v > 0 && v < 1, "validationFraction must be in (0, 1), got " + v);
        this.validationFraction = v;
        return self();
    }

    /** Adam's first-moment decay, in [0, 1) (default 0.9). */
    public S beta1(double v) {
        requireThat(v >= 0 && v < 1, "beta1 must be in [0, 1), got " + v);
        this.beta1 = v;
        return self();
    }

    /** Adam's second-moment decay, in [0, 1) (default 0.999). */
    public S beta2(double v) {
        requireThat(v >= 0 && v < 1, "beta2 must be in [0, 1), got " + v);
        this.beta2 = v;
        return self();
    }

    /** Adam's numerical-stability term (default 1e-8). */
    public S epsilon(double v) {
        requireThat(v > 0, "epsilon must be > 0, got " + v);
        this.epsilon = v;
        return self();
    }

    /** Epochs without tol improvement before stopping (sgd/adam; default 10). */
    public S nIterNoChange(int v) {
        requireThat(v >= 1, "nIterNoChange must be >= 1, got " + v);
        this.nIterNoChange = v;
        return self();
    }

    /** Maximum loss-function evaluations for lbfgs (default 15000). */
    public S maxFun(int v) {
        requireThat(v >= 1, "maxFun must be >= 1, got " + v);
        this.maxFun = v;
        return self();
    }

    /** All hyperparameters by camelCase name (enums by their scikit-learn names, batchSize "auto" or an Integer). */
    public Map<String, Object> getParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hiddenLayerSizes", hiddenLayerSizes.clone());
        m.put("activation", HiddenActivation.sklearnName(activation));
        m.put("solver", solver.sklearnName());
        m.put("alpha", alpha);
        m.put("batchSize", batchSize < 0 ? "auto" : (Object) batchSize);
        m.put("learningRate", learningRate.sklearnName());
        m.put("learningRateInit", learningRateInit);
        m.put("powerT", powerT);
        m.put("maxIter", maxIter);
        m.put("shuffle", shuffle);
        m.put("randomState", randomState);
        m.put("tol", tol);
        m.put("verbose", verbose);
        m.put("warmStart", warmStart);
        m.put("momentum", momentum);
        m.put("nesterovsMomentum", nesterovsMomentum);
        m.put("earlyStopping", earlyStopping);
        m.put("validationFraction", validationFraction);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("epsilon", epsilon);
        m.put("nIterNoChange", nIterNoChange);
        m.put("maxFun", maxFun);
        return m;
    }

    /**
     * Sets hyperparameters from a map as {@link #getParams()} returns it (numbers may be any Number). A value of the
     * wrong type is an IllegalArgumentException naming the parameter and the type it needs.
     */
    public S setParams(Map<String, ?> params) {
        for (Map.Entry<String, ?> e : params.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            switch (k) {
                case "hiddenLayerSizes" -> hiddenLayerSizes(v instanceof int[] a ? a : wholeNumbers(k, v));
                case "activation" -> activation(text(k, v));
                case "solver" -> solver(text(k, v));
                case "alpha" -> alpha(num(k, v));
                case "batchSize" -> {
                    if ("auto".equals(v)) batchSizeAuto();
                    else batchSize(whole(k, v));
                }
                case "learningRate" -> learningRate(text(k, v));
                case "learningRateInit" -> learningRateInit(num(k, v));
                case "powerT" -> powerT(num(k, v));
                case "maxIter" -> maxIter(whole(k, v));
                case "shuffle" -> shuffle(bool(k, v));
                case "randomState" -> randomState(v == null ? null : wholeLong(k, v));
                case "tol" -> tol(num(k, v));
                case "verbose" -> verbose(bool(k, v));
                case "warmStart" -> warmStart(bool(k, v));
                case "momentum" -> momentum(num(k, v));
                case "nesterovsMomentum" -> nesterovsMomentum(bool(k, v));
                case "earlyStopping" -> earlyStopping(bool(k, v));
                case "validationFraction" -> validationFraction(num(k, v));
                case "beta1" -> beta1(num(k, v));
                case "beta2" -> beta2(num(k, v));
                case "epsilon" -> epsilon(num(k, v));
                case "nIterNoChange" -> nIterNoChange(whole(k, v));
                case "maxFun" -> maxFun(whole(k, v));
                default -> throw new IllegalArgumentException("Unknown parameter '" + k + "' for " + name()
                        + "; valid parameters are " + getParams().keySet());
            }
        }
        return self();
    }

    private IllegalArgumentException wrongType(String key, Object v, String needed) {
        return new IllegalArgumentException(name() + ": parameter '" + key + "' must be " + needed + ", got "
                + (v == null ? "null" : v + " (" + v.getClass().getSimpleName() + ")"));
    }

    private double num(String key, Object v) {
        if (!(v instanceof Number n)) throw wrongType(key, v, "a number");
        return n.doubleValue();
    }

    private long wholeLong(String key, Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        double d = num(key, v);
        if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) throw wrongType(key, v, "a whole number");
        return (long) d;
    }

    private int whole(String key, Object v) {
        long n = wholeLong(key, v);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw wrongType(key, v, "a whole number in the int range");
        return (int) n;
    }

    private int[] wholeNumbers(String key, Object v) {
        if (!(v instanceof List<?> list)) throw wrongType(key, v, "a list of whole numbers");
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = whole(key + "[" + i + "]", list.get(i));
        return out;
    }

    private boolean bool(String key, Object v) {
        if (!(v instanceof Boolean b)) throw wrongType(key, v, "true or false");
        return b;
    }

    private String text(String key, Object v) {
        if (!(v instanceof String t)) throw wrongType(key, v, "a string");
        return t;
    }

    static void requireThat(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    Solver solver() {
        return solver;
    }

    // ---------------------------------------------------------------- fitted attributes

    /** Training loss of the last epoch (sgd/adam) or at the L-BFGS solution. */
    public double loss() {
        requireFitted();
        return loss;
    }

    /** Lowest training loss seen (sgd/adam without early stopping; NaN otherwise, where scikit-learn has None). */
    public double bestLoss() {
        requireFitted();
        return bestLoss;
    }

    /** Loss after each epoch (sgd/adam) or each L-BFGS iteration; its length equals nIter for a single fit. */
    public double[] lossCurve() {
        requireFitted();
        return lossCurve.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Validation score (accuracy or R²) after each epoch when earlyStopping is on, else null. */
    public double[] validationScores() {
        requireFitted();
        return validationScores == null ? null : validationScores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Best validation score when earlyStopping is on (its weights are the fitted ones), else NaN. */
    public double bestValidationScore() {
        requireFitted();
        return bestValidationScore;
    }

    /** Weight matrices, coefs[i] of shape [fanIn][fanOut] (copies). */
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

    /** Bias vectors, intercepts[i] of length fanOut (copies). */
    public float[][] intercepts() {
        requireFitted();
        float[][] out = new float[net.nLayers - 1][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(params, net.interceptOff[i], net.interceptOff[i] + net.units[i + 1]);
        }
        return out;
    }

    /** Iterations (epochs) the solver ran. */
    public int nIter() {
        requireFitted();
        return nIter;
    }

    /** Number of layers including input and output. */
    public int nLayers() {
        requireFitted();
        return net.nLayers;
    }

    /** Number of outputs. */
    public int nOutputs() {
        requireFitted();
        return net.nOutputs();
    }

    /** Number of input features seen in fit. */
    public int nFeaturesIn() {
        requireFitted();
        return net.nFeatures();
    }

    /** Output activation: identity, logistic or softmax. */
    public String outActivation() {
        requireFitted();
        return net.output.sklearnName();
    }

    /** Training samples seen by the solver (scikit-learn's t_). */
    public long tUpdates() {
        requireFitted();
        return tUpdates;
    }

    /** The last convergence warning, if the last fit ended without converging (also logged as a WARNING). */
    public java.util.Optional<String> convergenceWarning() {
        return java.util.Optional.ofNullable(convergenceWarning);
    }

    /** True once fit, partialFit or restore has run. */
    public boolean isFitted() {
        return params != null;
    }

    void requireFitted() {
        if (params == null) {
            throw new IllegalStateException("This " + name() + " instance is not fitted yet. Call fit(X, y) "
                    + "before using this method.");
        }
    }

    // ---------------------------------------------------------------- restore

    /** Installs fitted weights (coefs[i] [fanIn][fanOut], intercepts[i] [fanOut]) for the given output layer. */
    void installWeights(float[][][] coefs, float[][] intercepts, OutputLayer output) {
        if (coefs == null || intercepts == null || coefs.length == 0 || coefs.length != intercepts.length) {
            throw new IllegalArgumentException("restore: need as many coefs as intercepts (at least 1 layer), got "
                    + (coefs == null ? "null" : coefs.length) + " and " + (intercepts == null ? "null" : intercepts.length));
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
        hiddenLayerSizes = Arrays.copyOfRange(units, 1, units.length - 1);
        if (hiddenLayerSizes.length == 0) {
            throw new IllegalArgumentException("restore: a multilayer perceptron needs at least one hidden layer");
        }
        net = new MlpNetwork(units, activation, output);
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
            throw new IllegalArgumentException("X has " + nFeatures + " features, but " + name()
                    + " was fitted with " + net.nFeatures() + " features");
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
    final void fitArrays(float[] x, int n, int nFeatures, float[] y, int nOut, OutputLayer output,
                         boolean incremental, int[] strata) {
        boolean firstPass = params == null || (!warmStart && !incremental);
        if (!firstPass) {
            checkFeatures(nFeatures);
            if (net.nOutputs() != nOut || net.output != output) {
                throw new IllegalArgumentException(name() + " was fitted with " + net.nOutputs() + " outputs ("
                        + net.output.sklearnName() + "), but y now needs " + nOut + " (" + output.sklearnName()
                        + "); fit from scratch (warmStart(false)) to change the targets");
            }
        }
        if (incremental && solver == Solver.LBFGS) {
            throw new IllegalArgumentException("partialFit is only available for stochastic optimizers. lbfgs is not "
                    + "stochastic; use solver(\"sgd\") or solver(\"adam\")");
        }
        Generator rng = new Generator(randomState != null ? randomState : System.nanoTime());
        if (firstPass) {
            int[] units = new int[hiddenLayerSizes.length + 2];
            units[0] = nFeatures;
            System.arraycopy(hiddenLayerSizes, 0, units, 1, hiddenLayerSizes.length);
            units[units.length - 1] = nOut;
            net = new MlpNetwork(units, activation, output);
            params = new float[net.size];
            net.initialize(params, rng);
            nIter = 0;
            tUpdates = 0;
            optimizer = null;
            lossCurve = new ArrayList<>();
            noImprovementCount = 0;
            bestParams = null;
            if (earlyStopping) {
                validationScores = new ArrayList<>();
                bestValidationScore = Double.NEGATIVE_INFINITY;
                bestLoss = Double.NaN;
            } else {
                validationScores = null;
                bestValidationScore = Double.NaN;
                bestLoss = Double.POSITIVE_INFINITY;
            }
        } else if (net.hidden != activation || !Arrays.equals(hiddenLayerSizes,
                Arrays.copyOfRange(net.units, 1, net.nLayers - 1))) {
            throw new IllegalArgumentException(name() + ": warmStart/partialFit need the fitted architecture "
                    + Arrays.toString(Arrays.copyOfRange(net.units, 1, net.nLayers - 1)) + " with "
                    + HiddenActivation.sklearnName(net.hidden) + "; set warmStart(false) to train a new network");
        }
        convergenceWarning = null;
        if (solver == Solver.LBFGS) {
            fitLbfgs(x, n, y);
        } else {
            fitStochastic(x, n, y, incremental, strata, rng);
        }
        for (float v : params) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException("Solver produced non-finite parameter weights. The input data may "
                        + "contain large values and need to be preprocessed (e.g. with StandardScaler), or lower "
                        + "learningRateInit.");
            }
        }
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
        return net.finish(params, grad, lossSum, n, alpha);
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
        LbfgsMinimizer.Result res = new LbfgsMinimizer().gtol(tol).maxIter(maxIter).maxFun(maxFun).verbose(verbose)
                .minimize(objective, x0, lossCurve::add);
        for (int j = 0; j < params.length; j++) {
            params[j] = (float) res.x()[j];
        }
        nIter = Math.min(res.nIter(), maxIter);
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
            optimizer = solver == Solver.SGD
                    ? new SgdOptimizer(net.size, learningRateInit, learningRate, momentum, nesterovsMomentum, powerT)
                    : new AdamOptimizer(net.size, learningRateInit, beta1, beta2, epsilon);
        }
        boolean early = earlyStopping && !incremental; // early stopping in partialFit makes no sense
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
            IndexSplit split = Splits.trainTestIndices(n, validationFraction, rng, strata);
            xs = gatherRows(x, f, split.train());
            ys = gatherRows(y, nOut, split.train());
            ns = split.train().length;
            xVal = gatherRows(x, f, split.test());
            yVal = gatherRows(y, nOut, split.test());
            nVal = split.test().length;
        }
        int bs;
        if (batchSize < 0) {
            bs = Math.min(200, ns);
        } else {
            if (batchSize > ns) {
                LOG.log(System.Logger.Level.WARNING, "Got `batchSize` less than 1 or larger than sample size. "
                        + "It is going to be clipped");
            }
            bs = Math.max(1, Math.min(batchSize, ns));
        }
        MlpNetwork.Workspace ws = net.workspace(bs);
        float[] grad = new float[net.size];
        float[] xb = shuffle ? new float[bs * f] : null;
        float[] yb = shuffle ? new float[bs * nOut] : null;
        int[] order = new int[ns];
        for (int i = 0; i < ns; i++) {
            order[i] = i;
        }
        for (int it = 0; it < maxIter; it++) {
            if (shuffle) {
                for (int i = ns - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = order[i];
                    order[i] = order[j];
                    order[j] = t;
                }
            }
            double accumulated = 0;
            for (int start = 0; start < ns; start += bs) {
                int rows = Math.min(bs, ns - start);
                double batchSum;
                if (shuffle) {
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(ys, order[start + r] * nOut, yb, r * nOut, nOut);
                    }
                    batchSum = net.backpropRows(params, xs, order, start, xb, yb, rows, ws, grad);
                } else {
                    batchSum = net.backprop(params, xs, start * f, ys, start * nOut, rows, ws, grad, false);
                }
                double batchLoss = net.finish(params, grad, batchSum, rows, alpha);
                accumulated += batchLoss * rows;
                optimizer.updateParams(params, grad);
            }
            nIter++;
            loss = accumulated / ns;
            tUpdates += ns;
            lossCurve.add(loss);
            if (verbose) {
                System.out.printf("Iteration %d, loss = %.8f%n", nIter, loss);
            }
            updateNoImprovementCount(early, xVal, yVal, nVal);
            optimizer.iterationEnds(tUpdates);
            if (noImprovementCount > nIterNoChange) {
                String msg = early
                        ? String.format("Validation score did not improve more than tol=%f for %d consecutive epochs.",
                        tol, nIterNoChange)
                        : String.format("Training loss did not improve more than tol=%f for %d consecutive epochs.",
                        tol, nIterNoChange);
                if (optimizer.triggerStopping(msg, verbose)) {
                    break;
                }
                noImprovementCount = 0;
            }
            if (incremental) {
                break;
            }
            if (nIter == maxIter) {
                warn("Stochastic Optimizer: Maximum iterations (" + maxIter + ") reached and the optimization "
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
            if (verbose) {
                System.out.printf("Validation score: %f%n", score);
            }
            if (score < bestValidationScore + tol) {
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
            if (last > bestLoss - tol) {
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
