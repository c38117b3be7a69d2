package dev.myelin.estimator;

import dev.myelin.data.Inputs;
import dev.myelin.data.split.IndexSplit;
import dev.myelin.data.split.Splits;
import dev.myelin.metrics.ClassificationMetrics;
import dev.myelin.metrics.Labels;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The perceptron as scikit-learn 1.2's {@code linear_model.Perceptron}: its parameters, defaults (including
 * {@code random_state=0}), update rule and stopping rules.
 *
 * <p>One neuron per binary problem with targets y = ±1 and score z = wᵀx + b. Samples are visited in order (or
 * shuffled every epoch) and whenever y·z ≤ 0, a mistake or a point on the boundary, w += η·y·x and b += η·y;
 * samples with y·z &gt; 0 change nothing. This is the textbook rule: from w = 0 the first sample always updates.
 * Prediction is class 1 where z &gt; 0. More than two classes are learned one-vs-rest. As in scikit-learn, an
 * optional penalty shrinks w at every step (l2: w ·= 1 − η·α·(1 − l1Ratio); l1: truncated-gradient shrinkage by
 * η·α·l1Ratio), and training stops once the epoch's perceptron loss Σ max(0, −y·z) has not improved on the best by
 * tol·n for nIterNoChange epochs (or the validation accuracy, with earlyStopping); a warning is logged when it
 * runs to maxIter with a tol set.
 *
 * <p>Beyond scikit-learn, {@link #converged()} reports whether every binary problem had an epoch without updates
 * (the data were separated), and {@link #convergenceMessage()} says why not: on data that are not linearly
 * separable, such as XOR, no such epoch exists.
 */
public final class Perceptron implements Classifier {
    private static final System.Logger LOG = System.getLogger("dev.myelin.estimator");

    // The hyperparameters, each declared once (scikit-learn's names in camelCase, defaults and rules): the
    // setters below, getParams/setParams and the estimator files all read this table.
    static final Hyper<String> PENALTY = new Hyper<>(
            "penalty",
            null,
            v -> v == null || v.equals("l2") || v.equals("l1") || v.equals("elasticnet"),
            "null, \"l2\", \"l1\" or \"elasticnet\"",
            v -> {
                if (v != null && !(v instanceof String)) throw new Hyper.WrongType("a string or null");
                return "none".equals(v) ? null : (String) v;
            },
            v -> v);
    static final Hyper<Double> ALPHA = Hyper.number("alpha", 1e-4, v -> v >= 0 && Double.isFinite(v), ">= 0");
    static final Hyper<Double> L1_RATIO = Hyper.number("l1Ratio", 0.15, v -> v >= 0 && v <= 1, "in [0, 1]");
    static final Hyper<Boolean> FIT_INTERCEPT = Hyper.flag("fitIntercept", true);
    static final Hyper<Integer> MAX_ITER = Hyper.whole("maxIter", 1000, v -> v >= 1, ">= 1");
    static final Hyper<Double> TOL = new Hyper<>(
            "tol",
            1e-3,
            v -> v == null || (v >= 0 && Double.isFinite(v)),
            ">= 0 or null",
            v -> v == null ? null : Hyper.number(v),
            v -> v);
    static final Hyper<Boolean> SHUFFLE = Hyper.flag("shuffle", true);
    static final Hyper<Boolean> VERBOSE = Hyper.flag("verbose", false);
    static final Hyper<Double> ETA0 = Hyper.number("eta0", 1.0, v -> v > 0 && Double.isFinite(v), "> 0");
    static final Hyper<Long> RANDOM_STATE = Hyper.seed("randomState", 0L);
    static final Hyper<Boolean> EARLY_STOPPING = Hyper.flag("earlyStopping", false);
    static final Hyper<Double> VALIDATION_FRACTION =
            Hyper.number("validationFraction", 0.1, v -> v > 0 && v < 1, "in (0, 1)");
    static final Hyper<Integer> N_ITER_NO_CHANGE = Hyper.whole("nIterNoChange", 5, v -> v >= 1, ">= 1");
    static final Hyper<Boolean> WARM_START = Hyper.flag("warmStart", false);
    private static final List<Hyper<?>> TABLE = List.of(
            PENALTY,
            ALPHA,
            L1_RATIO,
            FIT_INTERCEPT,
            MAX_ITER,
            TOL,
            SHUFFLE,
            VERBOSE,
            ETA0,
            RANDOM_STATE,
            EARLY_STOPPING,
            VALIDATION_FRACTION,
            N_ITER_NO_CHANGE,
            WARM_START);
    private final Hyperparameters hp = new Hyperparameters("Perceptron", TABLE);

    private Object[] classes;
    private float[][] coef;
    private float[] intercept;
    private int nIter;
    private long tUpdates;
    private boolean converged;
    private String convergenceMessage;

    /** A perceptron with scikit-learn's defaults (no penalty, eta0 = 1, maxIter = 1000, tol = 1e-3). */
    public Perceptron() {}

    private <T> Perceptron set(Hyper<T> h, T v) {
        hp.set(h, v);
        return this;
    }

    /**
     * Regularization: null or "none" (default), "l2", "l1" or "elasticnet".
     *
     * @param p scikit-learn's {@code penalty}: null or "none" (default), "l2", "l1" or "elasticnet"
     * @return this estimator, for chaining
     */
    public Perceptron penalty(String p) {
        return set(PENALTY, "none".equals(p) ? null : p);
    }

    /**
     * Penalty strength (default 1e-4).
     *
     * @param v scikit-learn's {@code alpha}, >= 0 (default 1e-4)
     * @return this estimator, for chaining
     */
    public Perceptron alpha(double v) {
        return set(ALPHA, v);
    }

    /**
     * Share of L1 in the elastic-net penalty, in [0, 1] (default 0.15).
     *
     * @param v scikit-learn's {@code l1_ratio}, in [0, 1] (default 0.15)
     * @return this estimator, for chaining
     */
    public Perceptron l1Ratio(double v) {
        return set(L1_RATIO, v);
    }

    /**
     * Learn a bias b (default true).
     *
     * @param v scikit-learn's {@code fit_intercept} (default true)
     * @return this estimator, for chaining
     */
    public Perceptron fitIntercept(boolean v) {
        return set(FIT_INTERCEPT, v);
    }

    /**
     * Maximum number of epochs (default 1000).
     *
     * @param v scikit-learn's {@code max_iter}, >= 1 (default 1000)
     * @return this estimator, for chaining
     */
    public Perceptron maxIter(int v) {
        return set(MAX_ITER, v);
    }

    /**
     * Stopping tolerance, or null to always run maxIter epochs (default 1e-3).
     *
     * @param v scikit-learn's {@code tol}, >= 0, or null for None (default 1e-3)
     * @return this estimator, for chaining
     */
    public Perceptron tol(Double v) {
        return set(TOL, v);
    }

    /**
     * Shuffle the samples every epoch (default true).
     *
     * @param v scikit-learn's {@code shuffle} (default true)
     * @return this estimator, for chaining
     */
    public Perceptron shuffle(boolean v) {
        return set(SHUFFLE, v);
    }

    /**
     * Print the loss and mistakes of every epoch.
     *
     * @param v scikit-learn's {@code verbose} (default false)
     * @return this estimator, for chaining
     */
    public Perceptron verbose(boolean v) {
        return set(VERBOSE, v);
    }

    /**
     * Learning rate η (default 1).
     *
     * @param v scikit-learn's {@code eta0}, > 0 (default 1)
     * @return this estimator, for chaining
     */
    public Perceptron eta0(double v) {
        return set(ETA0, v);
    }

    /**
     * Seed for shuffling and the early-stopping split (default 0, as scikit-learn); null = a fresh seed per fit.
     *
     * @param seed scikit-learn's {@code random_state}: a seed (default 0), or null for a fresh one per fit
     * @return this estimator, for chaining
     */
    public Perceptron randomState(Long seed) {
        return set(RANDOM_STATE, seed);
    }

    /**
     * Seed for shuffling and the early-stopping split.
     *
     * @param seed scikit-learn's {@code random_state}: a seed (default 0), or null for a fresh one per fit
     * @return this estimator, for chaining
     */
    public Perceptron randomState(long seed) {
        return set(RANDOM_STATE, seed);
    }

    /**
     * Stop on the accuracy of a held-out validationFraction instead of the training loss (default false).
     *
     * @param v scikit-learn's {@code early_stopping} (default false)
     * @return this estimator, for chaining
     */
    public Perceptron earlyStopping(boolean v) {
        return set(EARLY_STOPPING, v);
    }

    /**
     * Held-out share for early stopping, in (0, 1) (default 0.1).
     *
     * @param v scikit-learn's {@code validation_fraction}, in (0, 1) (default 0.1)
     * @return this estimator, for chaining
     */
    public Perceptron validationFraction(double v) {
        return set(VALIDATION_FRACTION, v);
    }

    /**
     * Epochs without improvement before stopping (default 5).
     *
     * @param v scikit-learn's {@code n_iter_no_change}, >= 1 (default 5)
     * @return this estimator, for chaining
     */
    public Perceptron nIterNoChange(int v) {
        return set(N_ITER_NO_CHANGE, v);
    }

    /**
     * Continue from the current weights on the next fit (default false).
     *
     * @param v scikit-learn's {@code warm_start} (default false)
     * @return this estimator, for chaining
     */
    public Perceptron warmStart(boolean v) {
        return set(WARM_START, v);
    }

    /**
     * All hyperparameters by camelCase name.
     *
     * @return the hyperparameters by camelCase name, in declaration order
     */
    public Map<String, Object> getParams() {
        return hp.toMap();
    }

    /**
     * Sets hyperparameters from a map as {@link #getParams()} returns it, all or none (errors name the parameter).
     *
     * @param params hyperparameters by camelCase name, as getParams() returns them
     * @return this estimator, for chaining
     */
    public Perceptron setParams(Map<String, ?> params) {
        hp.setAll(params);
        return this;
    }

    /**
     * Rebuilds a fitted perceptron from its weights (one row per binary problem) and sorted classes.
     *
     * @param coef the weights, one row per binary problem ([1][n_features] for two classes)
     * @param intercept the biases, one per binary problem
     * @param classes the sorted class labels
     * @return the fitted perceptron
     */
    public static Perceptron restore(float[][] coef, float[] intercept, Object[] classes) {
        if (classes == null || classes.length < 2) {
            throw new IllegalArgumentException("restore: a Perceptron needs at least 2 classes");
        }
        int rows = classes.length == 2 ? 1 : classes.length;
        if (coef == null || coef.length != rows || intercept == null || intercept.length != rows) {
            throw new IllegalArgumentException(
                    "restore: " + classes.length + " classes need " + rows + " coefficient rows and intercepts");
        }
        Inputs.checkShape(coef, "Perceptron.restore");
        Perceptron p = new Perceptron();
        p.classes = classes.clone();
        p.coef = new float[rows][];
        for (int i = 0; i < rows; i++) {
            p.coef[i] = coef[i].clone();
        }
        p.intercept = intercept.clone();
        p.converged = true;
        p.convergenceMessage = "Restored from saved weights.";
        return p;
    }

    // ---------------------------------------------------------------- fit

    @Override
    public Perceptron fit(float[][] x, int[] y) {
        if (y == null) {
            throw new IllegalArgumentException("Perceptron: y is null; pass one label per sample");
        }
        return fit(x, Labels.box(y));
    }

    /**
     * Fits on labels of any mutually comparable type.
     *
     * @param x the samples, [n_samples][n_features]
     * @param y the labels, mutually comparable (e.g. String), one per sample
     * @return this perceptron
     */
    public Perceptron fit(float[][] x, Object[] y) {
        float[] flat = Inputs.flatten(x, "Perceptron");
        int n = x.length;
        int f = Inputs.columns(x);
        if (y == null) {
            throw new IllegalArgumentException("Perceptron: y is null; pass one label per sample");
        }
        Inputs.checkLengths(n, y.length, "Perceptron");
        Object[] cls = Labels.uniqueSorted(y, "Perceptron");
        if (cls.length < 2) {
            throw new IllegalArgumentException("Perceptron needs samples of at least 2 classes, but y contains only "
                    + Arrays.toString(cls) + "; a classifier cannot learn from a single class");
        }
        int[] idx = Labels.encode(y, cls, "Perceptron");
        int rows = cls.length == 2 ? 1 : cls.length;
        boolean keep = hp.get(WARM_START) && coef != null && Arrays.equals(cls, classes) && coef[0].length == f;
        if (!keep) {
            coef = new float[rows][f];
            intercept = new float[rows];
        }
        classes = cls;
        Generator rng = new Generator(hp.get(RANDOM_STATE) != null ? hp.get(RANDOM_STATE) : System.nanoTime());
        nIter = 0;
        tUpdates = 0;
        converged = true;
        int separatedBy = 0;
        List<String> notSeparated = new ArrayList<>();
        for (int k = 0; k < rows; k++) {
            int positive = rows == 1 ? 1 : k;
            int[] t = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = idx[i] == positive ? 1 : 0;
            }
            BinaryFit r = fitBinary(flat, n, f, t, coef[k], k, rng.split());
            intercept[k] = r.bias;
            nIter = Math.max(nIter, r.epochs);
            tUpdates += (long) r.epochs * r.samples;
            if (r.firstCleanEpoch == 0) {
                converged = false;
                notSeparated.add(String.valueOf(cls[positive]));
            }
            separatedBy = Math.max(separatedBy, r.firstCleanEpoch);
        }
        if (converged) {
            convergenceMessage = (rows == 1
                            ? "Epoch " + separatedBy + " was the first without updates"
                            : "Each one-vs-rest problem had an epoch without updates by epoch " + separatedBy)
                    + ": the training data were separated.";
        } else {
            convergenceMessage = "No epoch without mistakes in " + nIter + " epochs (class "
                    + String.join(", ", notSeparated) + (rows == 1 ? "" : " vs rest")
                    + "): the training data were not separated. Either they are not linearly separable (as XOR is "
                    + "not), and the perceptron rule cannot fit them exactly (use a multilayer perceptron, "
                    + "MLPClassifier), or training stopped first (raise maxIter, or tol(null) to run all epochs).";
            LOG.log(System.Logger.Level.WARNING, "Perceptron: " + convergenceMessage);
        }
        return this;
    }

    /** One binary problem's result; firstCleanEpoch is the first epoch without updates (1-based), 0 if none. */
    private record BinaryFit(float bias, int epochs, int samples, int firstCleanEpoch) {}

    /** Trains one neuron on targets t ∈ {0, 1}; w is updated in place. */
    private BinaryFit fitBinary(float[] x, int n, int f, int[] t, float[] w, int k, Generator rng) {
        float b = intercept[k];
        int[] train = new int[n];
        for (int i = 0; i < n; i++) {
            train[i] = i;
        }
        int[] val = null;
        if (hp.get(EARLY_STOPPING)) {
            IndexSplit split = Splits.trainTestIndices(n, hp.get(VALIDATION_FRACTION), rng, t);
            train = split.train();
            val = split.test();
        }
        int nt = train.length;
        String penalty = hp.get(PENALTY);
        double eta0 = hp.get(ETA0), alpha = hp.get(ALPHA); // read once: the sample loop uses them
        boolean fitIntercept = hp.get(FIT_INTERCEPT);
        double l2Decay =
                penalty == null || penalty.equals("l1") ? 0 : (penalty.equals("l2") ? 1 : 1 - hp.get(L1_RATIO));
        double l1Share = penalty == null || penalty.equals("l2") ? 0 : (penalty.equals("l1") ? 1 : hp.get(L1_RATIO));
        float shrink = (float) Math.max(0, 1 - l2Decay * eta0 * alpha);
        double u = 0; // cumulative L1 penalty (truncated gradient)
        double[] q = l1Share > 0 ? new double[f] : null;
        double bestLoss = Double.POSITIVE_INFINITY;
        double bestScore = Double.NEGATIVE_INFINITY;
        int noImprovement = 0;
        int firstCleanEpoch = 0;
        int epoch = 0;
        while (epoch < hp.get(MAX_ITER)) {
            if (hp.get(SHUFFLE)) {
                rng.shuffle(train);
            }
            double sumLoss = 0;
            int mistakes = 0;
            for (int s = 0; s < nt; s++) {
                int i = train[s];
                int off = i * f;
                int y = 2 * t[i] - 1; // ±1
                double margin = y * (double) (dot(w, x, off, f) + b);
                sumLoss += Math.max(0, -margin); // scikit-learn's Hinge(threshold=0) loss
                if (l2Decay > 0) {
                    for (int j = 0; j < f; j++) {
                        w[j] *= shrink;
                    }
                }
                if (margin <= 0) { // scikit-learn's dloss is −y here: a point on the boundary updates too
                    mistakes++;
                    float step = (float) (eta0 * y);
                    for (int j = 0; j < f; j++) {
                        w[j] += step * x[off + j]; // w += η y x
                    }
                    if (fitIntercept) {
                        b += step; // b += η y
                    }
                }
                if (l1Share > 0) {
                    u += l1Share * eta0 * alpha;
                    for (int j = 0; j < f; j++) {
                        double z0 = w[j];
                        if (w[j] > 0) {
                            w[j] = (float) Math.max(0, w[j] - (u + q[j]));
                        } else if (w[j] < 0) {
                            w[j] = (float) Math.min(0, w[j] + (u - q[j]));
                        }
                        q[j] += w[j] - z0;
                    }
                }
            }
            epoch++;
            if (mistakes == 0 && firstCleanEpoch == 0) {
                firstCleanEpoch = epoch;
            }
            if (hp.get(VERBOSE)) {
                System.out.printf(
                        "-- Epoch %d%nNorm: %.2f, Bias: %.6f, Avg. loss: %.6f, Mistakes: %d%n",
                        epoch, Math.sqrt(dot(w, w, 0, f)), b, sumLoss / nt, mistakes);
            }
            if (hp.get(TOL) != null) {
                if (hp.get(EARLY_STOPPING)) {
                    double score = binaryAccuracy(x, f, t, val, w, b);
                    noImprovement = score < bestScore + hp.get(TOL) ? noImprovement + 1 : 0;
                    bestScore = Math.max(bestScore, score);
                } else {
                    noImprovement = sumLoss > bestLoss - hp.get(TOL) * nt ? noImprovement + 1 : 0;
                    bestLoss = Math.min(bestLoss, sumLoss);
                }
                if (noImprovement >= hp.get(N_ITER_NO_CHANGE)) {
                    if (hp.get(VERBOSE)) {
                        System.out.printf("Convergence after %d epochs%n", epoch);
                    }
                    break;
                }
            }
        }
        if (epoch == hp.get(MAX_ITER) && hp.get(TOL) != null) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "ConvergenceWarning: Maximum number of iteration reached before "
                            + "convergence. Consider increasing maxIter to improve the fit.");
        }
        return new BinaryFit(b, epoch, nt, firstCleanEpoch);
    }

    private static double binaryAccuracy(float[] x, int f, int[] t, int[] rows, float[] w, float b) {
        int hit = 0;
        for (int i : rows) {
            if ((dot(w, x, i * f, f) + b > 0 ? 1 : 0) == t[i]) {
                hit++;
            }
        }
        return (double) hit / rows.length;
    }

    private static float dot(float[] w, float[] x, int off, int f) {
        float s = 0;
        for (int j = 0; j < f; j++) {
            s += w[j] * x[off + j];
        }
        return s;
    }

    // ---------------------------------------------------------------- predict

    /**
     * wᵀx + b per sample and binary problem: [n][1] for two classes, [n][n_classes] otherwise.
     *
     * @param x the samples, [n_samples][n_features]
     * @return the scores, [n_samples][1] for two classes, else [n_samples][n_classes]
     */
    public float[][] decisionFunction(float[][] x) {
        requireFitted();
        float[] flat = Inputs.flatten(x, "Perceptron");
        int f = Inputs.columns(x);
        if (f != coef[0].length) {
            throw new IllegalArgumentException(
                    "X has " + f + " features, but Perceptron was fitted with " + coef[0].length + " features");
        }
        float[][] out = new float[x.length][coef.length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < coef.length; k++) {
                out[i][k] = dot(coef[k], flat, i * f, f) + intercept[k];
            }
        }
        return out;
    }

    /** The class of each row: the sign of the one decision value for two classes, else the largest (as scikit-learn). */
    private int[] predictIndices(float[][] x) {
        Tensor d = Tensor.fromRows(decisionFunction(x));
        return d.size(1) == 1 ? Labels.threshold(d, 0) : Labels.argmax(d);
    }

    @Override
    public int[] predict(float[][] x) {
        requireFitted();
        if (!(classes[0] instanceof Integer)) {
            throw new IllegalStateException("Perceptron was fitted with "
                    + classes[0].getClass().getSimpleName() + " labels; use predictLabels(X)");
        }
        int[] idx = predictIndices(x);
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = (Integer) classes[idx[i]];
        }
        return out;
    }

    /**
     * Predicted labels of the type the perceptron was fitted with.
     *
     * @param x the samples, [n_samples][n_features]
     * @return the predicted label of each sample, of the fitted labels' type
     */
    public Object[] predictLabels(float[][] x) {
        int[] idx = predictIndices(x);
        Object[] out = new Object[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = classes[idx[i]];
        }
        return out;
    }

    @Override
    public double score(float[][] x, int[] y) {
        Object[] p = predictLabels(x);
        Inputs.checkLengths(x.length, y.length, "Perceptron");
        return ClassificationMetrics.accuracy(Labels.box(y), p);
    }

    private void requireFitted() {
        if (coef == null) {
            throw new IllegalStateException(
                    "This Perceptron instance is not fitted yet. Call fit(X, y) before using " + "this method.");
        }
    }

    /** {@return a copy of the weights, one row per binary problem ([1][n_features] for two classes; scikit-learn's {@code coef_})} */
    public float[][] coef() {
        requireFitted();
        float[][] c = new float[coef.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = coef[i].clone();
        }
        return c;
    }

    /** {@return a copy of the biases, one per binary problem (scikit-learn's {@code intercept_})} */
    public float[] intercept() {
        requireFitted();
        return intercept.clone();
    }

    /** {@return a copy of the sorted class labels (scikit-learn's {@code classes_})} */
    public Object[] classes() {
        requireFitted();
        return classes.clone();
    }

    /** {@return the epochs run, the maximum over the one-vs-rest problems (scikit-learn's {@code n_iter_})} */
    public int nIter() {
        requireFitted();
        return nIter;
    }

    /** {@return the weight updates considered: epochs × training samples, summed over binary problems (scikit-learn's {@code t_})} */
    public long tUpdates() {
        requireFitted();
        return tUpdates;
    }

    /** {@return true if every binary problem had an epoch without updates (the data were linearly separated)} */
    public boolean converged() {
        requireFitted();
        return converged;
    }

    /** {@return whether and why the perceptron rule converged (names the classes that were not separated)} */
    public String convergenceMessage() {
        requireFitted();
        return convergenceMessage;
    }
}
