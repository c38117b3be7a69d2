package dev.myelin.data.split;

import dev.myelin.data.Rows;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.NumpyRandomState;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Random train/test and train/validation/test splits, like scikit-learn's {@code train_test_split}: the test
 * part has {@code ceil(testSize * N)} samples, the rest is training data, and the order within each part is
 * random. With {@code stratify} the class proportions of {@code y} are kept in every part
 * ({@code StratifiedShuffleSplit}'s allocation: floor of the exact share, remaining samples to the classes
 * with the largest fractional parts, ties broken at random).
 *
 * <p>Given a seed, the draws come from numpy's legacy {@code RandomState(seed)} ({@link NumpyRandomState}) in
 * scikit-learn's order, so the row indices are exactly {@code train_test_split(..., random_state=seed)}'s; given a
 * {@link Generator}, they come from that generator.
 */
public final class Splits {
    private Splits() {}

    /**
     * Splits X [N, ...] and y [N, ...] with a test fraction in (0, 1).
     *
     * @param x the features, [N, ...] (compact)
     * @param y the targets, [N, ...]; class labels [N] or [N, 1] when stratifying
     * @param testSize the fraction of samples in the test part, in (0, 1)
     * @param gen the source of the shuffle
     * @param stratify whether to keep y's class proportions in both parts
     * @return both parts (rows copied) and their indices
     * @throws IllegalArgumentException if X and y differ in length, {@code testSize} is outside (0, 1) or leaves a
     *     part empty, or stratifying on y of another shape or with a class too small to stratify
     */
    public static TrainTestSplit trainTestSplit(Tensor x, Tensor y, double testSize, Generator gen, boolean stratify) {
        int n = checkSameLength("trainTestSplit", x, y);
        checkFraction("trainTestSplit", "testSize", testSize);
        int nTest = (int) Math.ceil(testSize * n);
        return tensorSplit(x, y, nTest, Shuffler.of(gen, "trainTestSplit"), stratify);
    }

    /**
     * Splits X [N, ...] and y [N, ...] with a test fraction in (0, 1), drawing as scikit-learn with this seed.
     *
     * @param x features [N, ...]
     * @param y targets [N, ...] (class labels [N] or [N, 1] to stratify)
     * @param testSize the test fraction, in (0, 1)
     * @param seed scikit-learn's random_state, in [0, 2^32 - 1]
     * @param stratify whether to keep y's class proportions in both parts
     * @return the two parts and their row indices
     */
    public static TrainTestSplit trainTestSplit(Tensor x, Tensor y, double testSize, long seed, boolean stratify) {
        int n = checkSameLength("trainTestSplit", x, y);
        checkFraction("trainTestSplit", "testSize", testSize);
        return tensorSplit(x, y, (int) Math.ceil(testSize * n), Shuffler.numpy(seed, "trainTestSplit"), stratify);
    }

    private static TrainTestSplit tensorSplit(Tensor x, Tensor y, int nTest, Shuffler rng, boolean stratify) {
        IndexSplit s = split(
                identity(x.size(0)),
                stratify ? ClassLabels.encode(y, "trainTestSplit") : null,
                nTest,
                rng,
                "trainTestSplit");
        return new TrainTestSplit(
                Rows.take(x, s.train()), Rows.take(x, s.test()), Rows.take(y, s.train()), Rows.take(y, s.test()), s);
    }

    /**
     * Splits rows of X [n][f] and class labels y [n] (stratified on y if asked), as the estimators take them, with
     * {@code train_test_split(X, y, test_size=testSize, stratify=y if stratify, random_state=seed)}'s rows.
     *
     * @param x the rows [n][features]
     * @param y their class labels
     * @param testSize the test fraction, in (0, 1)
     * @param seed scikit-learn's random_state, in [0, 2^32 - 1]
     * @param stratify whether to keep y's class proportions in both parts
     * @return the two parts and their row indices
     */
    public static ArraySplit trainTestSplit(float[][] x, int[] y, double testSize, long seed, boolean stratify) {
        checkSameLength(x, y);
        return arraySplit(x, y, trainTestIndices(x.length, testSize, seed, stratify ? y : null));
    }

    /**
     * As {@link #trainTestSplit(float[][], int[], double, long, boolean)} with a test part of testCount rows.
     *
     * @param x the rows [n][features]
     * @param y their class labels
     * @param testCount the test rows, in [1, n - 1]
     * @param seed scikit-learn's random_state, in [0, 2^32 - 1]
     * @param stratify whether to keep y's class proportions in both parts
     * @return the two parts and their row indices
     */
    public static ArraySplit trainTestSplit(float[][] x, int[] y, int testCount, long seed, boolean stratify) {
        checkSameLength(x, y);
        return arraySplit(x, y, trainTestIndices(x.length, testCount, seed, stratify ? y : null));
    }

    private static void checkSameLength(float[][] x, int[] y) {
        if (x == null || y == null || x.length != y.length)
            throw new IllegalArgumentException("trainTestSplit: X and y must have the same number of samples, got "
                    + (x == null ? "null" : x.length) + " and " + (y == null ? "null" : y.length));
    }

    private static ArraySplit arraySplit(float[][] x, int[] y, IndexSplit s) {
        return new ArraySplit(
                Rows.take(x, s.train()), Rows.take(x, s.test()), Rows.take(y, s.train()), Rows.take(y, s.test()), s);
    }

    /**
     * Draws the indices of a train/test split, without touching any data.
     *
     * @param n the number of samples
     * @param testSize the fraction of samples in the test part, in (0, 1)
     * @param gen the source of the shuffle
     * @param labels one class label per sample to stratify on, or null for a plain random split
     * @return the training and test indices, each part in random order
     * @throws IllegalArgumentException if {@code testSize} is outside (0, 1) or leaves a part empty, there are not
     *     n labels, or a class has too few members to stratify (fewer than 2, or than one per part)
     */
    public static IndexSplit trainTestIndices(int n, double testSize, Generator gen, int[] labels) {
        checkFraction("trainTestIndices", "testSize", testSize);
        return indices(n, (int) Math.ceil(testSize * n), Shuffler.of(gen, "trainTestIndices"), labels);
    }

    /**
     * Indices as scikit-learn's {@code train_test_split} with {@code random_state=seed} and a test fraction.
     *
     * @param n the number of samples
     * @param testSize the test fraction, in (0, 1)
     * @param seed scikit-learn's random_state, in [0, 2^32 - 1]
     * @param labels class labels to stratify on, or null
     * @return the training and test indices
     */
    public static IndexSplit trainTestIndices(int n, double testSize, long seed, int[] labels) {
        checkFraction("trainTestIndices", "testSize", testSize);
        return indices(n, (int) Math.ceil(testSize * n), Shuffler.numpy(seed, "trainTestIndices"), labels);
    }

    /**
     * Indices as scikit-learn's {@code train_test_split} with {@code random_state=seed} and testCount test rows.
     *
     * @param n the number of samples
     * @param testCount the test rows, in [1, n - 1]
     * @param seed scikit-learn's random_state, in [0, 2^32 - 1]
     * @param labels class labels to stratify on, or null
     * @return the training and test indices
     */
    public static IndexSplit trainTestIndices(int n, int testCount, long seed, int[] labels) {
        if (testCount <= 0 || testCount >= n)
            throw new IllegalArgumentException("trainTestIndices: testCount must be positive and smaller than the "
                    + "number of samples " + n + ", got " + testCount);
        return indices(n, testCount, Shuffler.numpy(seed, "trainTestIndices"), labels);
    }

    private static IndexSplit indices(int n, int nTest, Shuffler rng, int[] labels) {
        if (labels != null && labels.length != n)
            throw new IllegalArgumentException("trainTestIndices: " + labels.length + " labels for " + n + " samples");
        return split(identity(n), labels == null ? null : recode(labels), nTest, rng, "trainTestIndices");
    }

    /**
     * Splits into training, validation ({@code ceil(valSize * N)}) and test ({@code ceil(testSize * N)}) parts:
     * first the test part is drawn, then the validation part from the rest.
     *
     * @param x the features, [N, ...] (compact)
     * @param y the targets, [N, ...]; class labels [N] or [N, 1] when stratifying
     * @param valSize the fraction of samples in the validation part, in (0, 1)
     * @param testSize the fraction of samples in the test part, in (0, 1)
     * @param gen the source of the shuffles
     * @param stratify whether to keep y's class proportions in all three parts
     * @return the three parts (rows copied) and their indices
     * @throws IllegalArgumentException if X and y differ in length, a fraction is outside (0, 1), the parts leave no
     *     training samples, or stratifying on y of another shape or with a class too small to stratify
     */
    public static TrainValTestSplit trainValTestSplit(
            Tensor x, Tensor y, double valSize, double testSize, Generator gen, boolean stratify) {
        return trainValTestSplit(x, y, valSize, testSize, Shuffler.of(gen, "trainValTestSplit"), stratify);
    }

    /**
     * As {@link #trainValTestSplit(Tensor, Tensor, double, double, Generator, boolean)}, drawing from numpy's
     * {@code RandomState(seed)}.
     *
     * @param x features [N, ...]
     * @param y targets [N, ...] (class labels [N] or [N, 1] to stratify)
     * @param valSize the validation fraction, in (0, 1)
     * @param testSize the test fraction, in (0, 1)
     * @param seed the seed, in [0, 2^32 - 1]
     * @param stratify whether to keep y's class proportions in every part
     * @return the three parts and their row indices
     */
    public static TrainValTestSplit trainValTestSplit(
            Tensor x, Tensor y, double valSize, double testSize, long seed, boolean stratify) {
        return trainValTestSplit(x, y, valSize, testSize, Shuffler.numpy(seed, "trainValTestSplit"), stratify);
    }

    private static TrainValTestSplit trainValTestSplit(
            Tensor x, Tensor y, double valSize, double testSize, Shuffler gen, boolean stratify) {
        int n = checkSameLength("trainValTestSplit", x, y);
        checkFraction("trainValTestSplit", "valSize", valSize);
        checkFraction("trainValTestSplit", "testSize", testSize);
        int nTest = (int) Math.ceil(testSize * n), nVal = (int) Math.ceil(valSize * n);
        if (nTest + nVal >= n)
            throw new IllegalArgumentException("trainValTestSplit: valSize=" + valSize + " and testSize=" + testSize
                    + " leave no training samples out of " + n);
        int[] codes = stratify ? ClassLabels.encode(y, "trainValTestSplit") : null;
        IndexSplit first = split(identity(n), codes, nTest, gen, "trainValTestSplit");
        IndexSplit second = split(first.train(), codes, nVal, gen, "trainValTestSplit");
        int[] tr = second.train(), va = second.test(), te = first.test();
        return new TrainValTestSplit(
                Rows.take(x, tr),
                Rows.take(x, va),
                Rows.take(x, te),
                Rows.take(y, tr),
                Rows.take(y, va),
                Rows.take(y, te),
                tr,
                va,
                te);
    }

    /** Draws {@code nTest} of the {@code pool} indices as the held-out part; codes[i] is sample i's class or null. */
    static IndexSplit split(int[] pool, int[] codes, int nTest, Shuffler gen, String op) {
        int n = pool.length, nTrain = n - nTest;
        if (nTest <= 0 || nTrain <= 0)
            throw new IllegalArgumentException(op + ": a split of " + n + " samples into " + nTrain + " train and "
                    + nTest + " held-out samples leaves one part empty; use a different fraction");
        if (codes == null) {
            int[] perm = gen.permutation(n);
            int[] test = new int[nTest], train = new int[nTrain];
            for (int k = 0; k < nTest; k++) test[k] = pool[perm[k]];
            for (int k = 0; k < nTrain; k++) train[k] = pool[perm[nTest + k]];
            return new IndexSplit(train, test);
        }
        // Group the pool by class, in pool order.
        int c = ClassLabels.numClasses(codes);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < c; k++) byClass.add(new ArrayList<>());
        for (int i : pool) byClass.get(codes[i]).add(i);
        List<List<Integer>> present = byClass.stream().filter(l -> !l.isEmpty()).toList();
        int[] counts = present.stream().mapToInt(List::size).toArray();
        for (int k = 0; k < counts.length; k++)
            if (counts[k] < 2)
                throw new IllegalArgumentException(
                        op + ": the least populated class has only 1 member, which is too few to stratify; "
                                + "the minimum number of members in any class cannot be less than 2");
        if (nTrain < counts.length || nTest < counts.length)
            throw new IllegalArgumentException(op + ": both parts need at least one sample per class (" + counts.length
                    + " classes), but the split is " + nTrain + " train / " + nTest + " held out");
        int[] trainPer = approximateMode(counts, nTrain, gen);
        int[] rest = new int[counts.length];
        for (int k = 0; k < counts.length; k++) rest[k] = counts[k] - trainPer[k];
        int[] testPer = approximateMode(rest, nTest, gen);
        int[] train = new int[nTrain], test = new int[nTest];
        int a = 0, b = 0;
        for (int k = 0; k < counts.length; k++) {
            List<Integer> members = present.get(k);
            int[] perm = gen.permutation(members.size());
            for (int j = 0; j < trainPer[k]; j++) train[a++] = members.get(perm[j]);
            for (int j = 0; j < testPer[k]; j++) test[b++] = members.get(perm[trainPer[k] + j]);
        }
        return new IndexSplit(shuffled(train, gen), shuffled(test, gen));
    }

    /** scikit-learn's {@code _approximate_mode}: per-class draws summing to nDraws, closest to the class shares. */
    static int[] approximateMode(int[] counts, int nDraws, Shuffler gen) {
        long total = Arrays.stream(counts).asLongStream().sum();
        double[] exact = new double[counts.length];
        int[] out = new int[counts.length];
        int assigned = 0;
        for (int k = 0; k < counts.length; k++) {
            exact[k] = (double) counts[k] / total * nDraws;
            out[k] = (int) Math.floor(exact[k]);
            assigned += out[k];
        }
        int need = nDraws - assigned;
        // Hand out the rest to the largest remainders; equal remainders are chosen among at random as numpy's
        // choice(tied, replace=False) does: the head of a permutation of all tied classes, drawn even if all are taken.
        double[] remainders = new double[counts.length];
        for (int k = 0; k < counts.length; k++) remainders[k] = exact[k] - out[k];
        double[] values = Arrays.stream(remainders).distinct().sorted().toArray();
        for (int v = values.length - 1; v >= 0 && need > 0; v--) {
            List<Integer> tied = new ArrayList<>();
            for (int k = 0; k < counts.length; k++) if (remainders[k] == values[v]) tied.add(k);
            int[] perm = gen.permutation(tied.size());
            for (int j = 0; j < tied.size() && need > 0; j++, need--) out[tied.get(perm[j])]++;
        }
        return out;
    }

    private static int[] shuffled(int[] a, Shuffler gen) {
        int[] perm = gen.permutation(a.length), out = new int[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[perm[i]];
        return out;
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    /** Arbitrary int labels as codes 0..C-1 in sorted order. */
    static int[] recode(int[] labels) {
        float[] f = new float[labels.length];
        for (int i = 0; i < f.length; i++) f[i] = labels[i];
        return ClassLabels.encode(new Tensor(f, f.length), "stratify");
    }

    private static int checkSameLength(String op, Tensor x, Tensor y) {
        if (x.dim() == 0 || y.dim() == 0 || x.size(0) != y.size(0))
            throw new IllegalArgumentException(
                    op + ": X and y must have the same number of samples (first dim), got shapes "
                            + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()));
        return x.size(0);
    }

    private static void checkFraction(String op, String name, double v) {
        if (!(v > 0 && v < 1))
            throw new IllegalArgumentException(op + ": " + name + " must be a fraction in (0, 1), got " + v);
    }
}
