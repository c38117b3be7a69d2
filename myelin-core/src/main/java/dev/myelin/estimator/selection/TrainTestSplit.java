package dev.myelin.estimator.selection;

import dev.myelin.tensor.Generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Random train/test split of arrays, as scikit-learn's {@code train_test_split}: ceil(testSize·n) test samples,
 * the rest for training; with stratification each class keeps its proportion (largest-remainder rounding).
 */
public final class TrainTestSplit {
    private TrainTestSplit() {
    }

    /** Indices of a split: train and test, each in random order. */
    public record Indices(int[] train, int[] test) {
    }

    /** A split of X and integer labels y. */
    public record Split(float[][] xTrain, float[][] xTest, int[] yTrain, int[] yTest) {
    }

    /** Splits X and y; {@code stratify} keeps the class proportions of y in both parts. */
    public static Split trainTestSplit(float[][] x, int[] y, double testSize, boolean stratify, long seed) {
        if (x == null || y == null || x.length != y.length) {
            throw new IllegalArgumentException("trainTestSplit: X and y must have the same number of samples, got "
                    + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length));
        }
        Indices idx = indices(x.length, testSize, stratify ? y : null, new Generator(seed));
        return new Split(rows(x, idx.train), rows(x, idx.test), take(y, idx.train), take(y, idx.test));
    }

    /** Train/test indices for n samples; {@code stratify} (class index per sample) may be null. */
    public static Indices indices(int n, double testSize, int[] stratify, Generator rng) {
        if (!(testSize > 0 && testSize < 1)) {
            throw new IllegalArgumentException("testSize must be in (0, 1), got " + testSize);
        }
        int nTest = (int) Math.ceil(testSize * n);
        int nTrain = n - nTest;
        if (nTrain <= 0 || nTest <= 0) {
            throw new IllegalArgumentException("With n_samples=" + n + " and testSize=" + testSize
                    + " one of the parts would be empty; use more samples or another testSize");
        }
        int[] perm = rng.permutation(n);
        if (stratify == null) {
            return new Indices(Arrays.copyOfRange(perm, nTest, n), Arrays.copyOf(perm, nTest));
        }
        int k = Arrays.stream(stratify).max().orElse(0) + 1;
        int[] counts = new int[k];
        for (int c : stratify) {
            counts[c]++;
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] == 1) {
                throw new IllegalArgumentException("The least populated class in y has only 1 member, which is too few "
                        + "to stratify; every class needs at least 2 samples (or split without stratify)");
            }
        }
        int[] testPerClass = new int[k];
        double[] remainder = new double[k];
        int assigned = 0;
        for (int c = 0; c < k; c++) {
            double exact = (double) nTest * counts[c] / n;
            testPerClass[c] = (int) Math.floor(exact);
            remainder[c] = exact - testPerClass[c];
            assigned += testPerClass[c];
        }
        Integer[] order = new Integer[k];
        for (int c = 0; c < k; c++) order[c] = c;
        Arrays.sort(order, (a, b) -> Double.compare(remainder[b], remainder[a]));
        // Floors leave fewer than k samples unassigned: hand them out by largest remainder.
        for (int i = 0; i < k && assigned < nTest; i++) {
            int c = order[i];
            if (testPerClass[c] < counts[c]) {
                testPerClass[c]++;
                assigned++;
            }
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int[] taken = new int[k];
        for (int i : perm) {
            int c = stratify[i];
            if (taken[c]++ < testPerClass[c]) {
                test.add(i);
            } else {
                train.add(i);
            }
        }
        return new Indices(train.stream().mapToInt(Integer::intValue).toArray(),
                test.stream().mapToInt(Integer::intValue).toArray());
    }

    static float[][] rows(float[][] x, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]].clone();
        }
        return out;
    }

    static int[] take(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }

    static float[] take(float[] y, int[] idx) {
        float[] out = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }
}
