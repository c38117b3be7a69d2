package dev.myelin.tune.selection;

import dev.myelin.estimator.BaseMultilayerPerceptron;
import dev.myelin.estimator.Classifier;
import dev.myelin.estimator.CrossValidation;
import dev.myelin.estimator.Regressor;
import dev.myelin.tune.Config;
import dev.myelin.tune.Objective;
import dev.myelin.tune.SearchResult;
import dev.myelin.tune.SearchStrategy;
import dev.myelin.tune.TrialResult;
import dev.myelin.tune.Tuner;
import dev.myelin.tune.objective.EstimatorObjective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What {@link GridSearchCV} and {@link RandomizedSearchCV} share: each candidate is scored by k-fold
 * cross-validation with the estimator's own score (accuracy for classifiers, R² for regressors) on stratified
 * folds for classifiers and contiguous folds for regressors, as scikit-learn does with an integer {@code cv};
 * the candidates run on a {@link Tuner} ({@code nJobs} at a time); the best mean score wins (the first
 * candidate on ties) and, with {@code refit} (the default), a fresh estimator with the best parameters is fit
 * on all data. A candidate whose fit throws gets NaN scores and the last rank; the search continues.
 *
 * @param <E> the estimator type
 * @param <S> the concrete search type, so that setters chain
 */
public abstract sealed class BaseSearchCV<E extends BaseMultilayerPerceptron<E>, S extends BaseSearchCV<E, S>>
        permits GridSearchCV, RandomizedSearchCV {
    private final Supplier<E> estimator;
    private int cv = 5;
    private boolean refit = true;
    private int nJobs = 1;

    private List<CvResult> cvResults;
    private int bestIndex = -1;
    private E bestEstimator;

    BaseSearchCV(Supplier<E> estimator) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /**
     * Number of cross-validation folds (default 5).
     *
     * @param folds at least 2
     * @return this search
     */
    public S cv(int folds) {
        if (folds < 2) throw new IllegalArgumentException("cv must be >= 2 folds, got " + folds);
        this.cv = folds;
        return self();
    }

    /**
     * Whether to fit the best candidate on all data afterwards (default true).
     *
     * @param refit whether to refit
     * @return this search
     */
    public S refit(boolean refit) {
        this.refit = refit;
        return self();
    }

    /**
     * Candidates evaluated at the same time (default 1); at most the number of cores.
     *
     * @param nJobs at least 1
     * @return this search
     */
    public S nJobs(int nJobs) {
        if (nJobs < 1) throw new IllegalArgumentException("nJobs must be >= 1, got " + nJobs);
        this.nJobs = nJobs;
        return self();
    }

    /** The strategy proposing the candidates. */
    abstract SearchStrategy strategy();

    /** How many candidates the strategy proposes. */
    abstract int candidates();

    /**
     * Searches with a classifier on (x, y); fails if the estimator is not a classifier.
     *
     * @param x the rows [n][features]
     * @param y their class labels
     * @return this search, fitted
     */
    public S fit(float[][] x, int[] y) {
        if (!(estimator.get() instanceof Classifier))
            throw new IllegalArgumentException(
                    "fit(x, int[] y) needs a classifier; for a regressor pass float[] targets");
        Folds folds = params ->
                CrossValidation.crossValScore(() -> (Classifier) estimator.get().setParams(params), x, y, cv);
        search(folds, x.length, y.length);
        if (refit) {
            E best = estimator.get().setParams(estimatorParams(bestIndex));
            ((Classifier) best).fit(x, y);
            bestEstimator = best;
        }
        return self();
    }

    /**
     * Searches with a regressor on (x, y); fails if the estimator is not a regressor.
     *
     * @param x the rows [n][features]
     * @param y their targets
     * @return this search, fitted
     */
    public S fit(float[][] x, float[] y) {
        if (!(estimator.get() instanceof Regressor))
            throw new IllegalArgumentException(
                    "fit(x, float[] y) needs a regressor; for a classifier pass int[] labels");
        Folds folds = params ->
                CrossValidation.crossValScore(() -> (Regressor) estimator.get().setParams(params), x, y, cv);
        search(folds, x.length, y.length);
        if (refit) {
            E best = estimator.get().setParams(estimatorParams(bestIndex));
            ((Regressor) best).fit(x, y);
            bestEstimator = best;
        }
        return self();
    }

    private interface Folds {
        double[] scores(Map<String, Object> params);
    }

    private void search(Folds folds, int nx, int ny) {
        if (nx != ny) throw new IllegalArgumentException("X has " + nx + " samples but y has " + ny);
        if (cv > nx)
            throw new IllegalArgumentException("cv (" + cv + ") must not exceed the number of samples (" + nx + ")");
        Map<Integer, double[]> splits = new ConcurrentHashMap<>();
        Objective objective = Objective.maximize((config, ctx) -> {
            double[] scores = folds.scores(EstimatorObjective.estimatorParams(config));
            splits.put(ctx.number(), scores);
            return Arrays.stream(scores).average().orElse(Double.NaN);
        });
        SearchResult result;
        try {
            result = Tuner.builder(strategy(), objective)
                    .maxTrials(candidates())
                    .parallelTrials(nJobs)
                    .build()
                    .run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        }
        List<TrialResult> trials = result.trials();
        double[] means = trials.stream()
                .mapToDouble(t -> t.hasScore() ? t.score() : Double.NaN)
                .toArray();
        List<CvResult> rows = new ArrayList<>();
        for (TrialResult t : trials) {
            double[] s = t.hasScore() ? splits.get(t.number()) : new double[0];
            double mean = means[t.number()];
            rows.add(
                    new CvResult(t.config().asMap(), s, mean, std(s, mean), rank(means, mean), t.seconds(), t.error()));
        }
        this.cvResults = List.copyOf(rows);
        this.bestIndex = -1;
        for (int i = 0; i < means.length; i++)
            if (!Double.isNaN(means[i]) && (bestIndex < 0 || means[i] > means[bestIndex])) bestIndex = i;
        if (bestIndex < 0)
            throw new IllegalStateException("every candidate failed to fit; the first error: "
                    + trials.getFirst().error());
        this.bestEstimator = null;
    }

    /** numpy's std (divides by n). */
    private static double std(double[] s, double mean) {
        if (s.length == 0) return Double.NaN;
        double sum = 0;
        for (double v : s) sum += (v - mean) * (v - mean);
        return Math.sqrt(sum / s.length);
    }

    /** scipy's rankdata(-means, method="min"): 1 + the number of strictly better candidates; NaN ranks last. */
    private static int rank(double[] means, double mean) {
        if (Double.isNaN(mean))
            return (int) Arrays.stream(means).filter(m -> !Double.isNaN(m)).count() + 1;
        int better = 0;
        for (double m : means) if (!Double.isNaN(m) && m > mean) better++;
        return better + 1;
    }

    private Map<String, Object> estimatorParams(int index) {
        return EstimatorObjective.estimatorParams(
                new Config(cvResults.get(index).params()));
    }

    private void checkFitted() {
        if (cvResults == null)
            throw new IllegalStateException(getClass().getSimpleName() + " is not fitted yet; call fit(x, y) first");
    }

    /** {@return one row per candidate, in the order they were tried} */
    public List<CvResult> cvResults() {
        checkFitted();
        return cvResults;
    }

    /** {@return the index of the best candidate in {@link #cvResults()}} */
    public int bestIndex() {
        checkFitted();
        return bestIndex;
    }

    /** {@return the best candidate's parameters} */
    public Map<String, Object> bestParams() {
        checkFitted();
        return cvResults.get(bestIndex).params();
    }

    /** {@return the best candidate's mean cross-validation score} */
    public double bestScore() {
        checkFitted();
        return cvResults.get(bestIndex).meanTestScore();
    }

    /** {@return the best candidate fit on all data; needs {@code refit(true)}} */
    public E bestEstimator() {
        checkFitted();
        if (bestEstimator == null)
            throw new IllegalStateException("no bestEstimator: this search ran with refit(false)");
        return bestEstimator;
    }
}
