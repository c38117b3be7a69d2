package dev.myelin.estimator.selection;

import dev.myelin.estimator.Classifier;
import dev.myelin.estimator.Regressor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * k-fold cross-validation scores as scikit-learn's {@code cross_val_score} with an integer cv: stratified folds
 * (without shuffling) for classifiers, contiguous folds for regressors; each fold is scored by a fresh estimator.
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** Accuracy on each of {@code cv} stratified folds. */
    public static double[] crossValScore(Supplier<? extends Classifier> factory, float[][] x, int[] y, int cv) {
        check(x.length, y.length, cv);
        int[][] folds = stratifiedFolds(y, cv);
        double[] scores = new double[cv];
        for (int k = 0; k < cv; k++) {
            int[] test = folds[k];
            int[] train = complement(x.length, test);
            Classifier c = factory.get();
            c.fit(TrainTestSplit.rows(x, train), TrainTestSplit.take(y, train));
            scores[k] = c.score(TrainTestSplit.rows(x, test), TrainTestSplit.take(y, test));
        }
        return scores;
    }

    /** R² on each of {@code cv} contiguous folds. */
    public static double[] crossValScore(Supplier<? extends Regressor> factory, float[][] x, float[] y, int cv) {
        check(x.length, y.length, cv);
        double[] scores = new double[cv];
        int n = x.length;
        int start = 0;
        for (int k = 0; k < cv; k++) {
            int size = n / cv + (k < n % cv ? 1 : 0); // first n % cv folds get one extra, as KFold
            int[] test = new int[size];
            for (int i = 0; i < size; i++) {
                test[i] = start + i;
            }
            start += size;
            int[] train = complement(n, test);
            Regressor r = factory.get();
            r.fit(TrainTestSplit.rows(x, train), TrainTestSplit.take(y, train));
            scores[k] = r.score(TrainTestSplit.rows(x, test), TrainTestSplit.take(y, test));
        }
        return scores;
    }

    /** Stratified folds without shuffling: each class's samples, in order, are dealt round-robin to the folds. */
    static int[][] stratifiedFolds(int[] y, int cv) {
        List<List<Integer>> folds = new ArrayList<>();
        for (int k = 0; k < cv; k++) {
            folds.add(new ArrayList<>());
        }
        java.util.Map<Integer, Integer> next = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int label : y) {
            counts.merge(label, 1, Integer::sum);
        }
        for (var e : counts.entrySet()) {
            if (e.getValue() < cv) {
                java.lang.System.getLogger("dev.myelin.estimator").log(java.lang.System.Logger.Level.WARNING,
                        "The least populated class in y has only " + e.getValue() + " members, which is less than "
                                + "n_splits=" + cv + ".");
            }
        }
        for (int i = 0; i < y.length; i++) {
            int k = next.merge(y[i], 1, Integer::sum) - 1;
            folds.get(k % cv).add(i);
        }
        int[][] out = new int[cv][];
        for (int k = 0; k < cv; k++) {
            out[k] = folds.get(k).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    private static int[] complement(int n, int[] test) {
        boolean[] in = new boolean[n];
        for (int i : test) {
            in[i] = true;
        }
        int[] out = new int[n - test.length];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (!in[i]) {
                out[j++] = i;
            }
        }
        return out;
    }

    private static void check(int nx, int ny, int cv) {
        if (nx != ny) {
            throw new IllegalArgumentException("crossValScore: X has " + nx + " samples but y has " + ny);
        }
        if (cv < 2 || cv > nx) {
            throw new IllegalArgumentException("crossValScore: cv must be between 2 and n_samples (" + nx + "), got " + cv);
        }
    }
}
