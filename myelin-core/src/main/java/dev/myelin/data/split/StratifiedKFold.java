package dev.myelin.data.split;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stratified k-fold cross-validation with {@code sklearn.model_selection.StratifiedKFold}'s algorithm: the
 * number of samples of each class in each fold comes from dealing the sorted labels round-robin over the folds;
 * within a class, samples are assigned to folds in blocks (in data order, or in random order with shuffle).
 * Classes are numbered by first appearance, as in scikit-learn, so the folds match it exactly without shuffle.
 */
public final class StratifiedKFold {
    private final int nSplits;
    private final boolean shuffle;
    // A fresh numpy state per split() for a seed (as scikit-learn re-seeds), the caller's generator otherwise.
    private final Supplier<Shuffler> draws;

    /**
     * Stratified k-fold cross-validation (scikit-learn's {@code StratifiedKFold(n_splits, shuffle)}).
     *
     * @param nSplits the number of folds k, &gt;= 2
     * @param shuffle whether to shuffle each class's samples before assigning them to folds (a new order on every
     *     {@code split} call)
     * @param generator the source of the shuffle; may be null without shuffling
     * @throws IllegalArgumentException if {@code nSplits < 2}, or shuffling without a generator
     */
    public StratifiedKFold(int nSplits, boolean shuffle, Generator generator) {
        if (nSplits < 2)
            throw new IllegalArgumentException("StratifiedKFold: nSplits must be at least 2, got " + nSplits);
        if (shuffle && generator == null)
            throw new IllegalArgumentException("StratifiedKFold: shuffle needs a generator");
        this.nSplits = nSplits;
        this.shuffle = shuffle;
        Shuffler fromGenerator = shuffle ? Shuffler.of(generator, "StratifiedKFold") : null;
        this.draws = () -> fromGenerator;
    }

    /**
     * Shuffled folds drawn as scikit-learn's {@code StratifiedKFold(nSplits, shuffle=True, random_state=randomState)}
     * draws them: from numpy's legacy {@code RandomState(randomState)}, so the folds are scikit-learn's exactly.
     *
     * @param nSplits the number of folds, at least 2
     * @param randomState scikit-learn's random_state, in [0, 2^32 - 1]
     */
    public StratifiedKFold(int nSplits, long randomState) {
        if (nSplits < 2)
            throw new IllegalArgumentException("StratifiedKFold: nSplits must be at least 2, got " + nSplits);
        this.nSplits = nSplits;
        this.shuffle = true;
        Shuffler.numpy(randomState, "StratifiedKFold"); // checks the seed now
        this.draws = () -> Shuffler.numpy(randomState, "StratifiedKFold");
    }

    /**
     * Stratified folds in data order (no shuffling).
     *
     * @param nSplits the number of folds k, &gt;= 2
     * @throws IllegalArgumentException if {@code nSplits < 2}
     */
    public StratifiedKFold(int nSplits) {
        this(nSplits, false, null);
    }

    /** {@return the number of folds k} */
    public int nSplits() {
        return nSplits;
    }

    /**
     * Folds for a tensor of class labels.
     *
     * @param y class labels, shape [N] or [N, 1]
     * @return k splits, the i-th holding fold i out as its test part
     * @throws IllegalArgumentException if {@code y} has another shape, {@code N < nSplits}, or every class has
     *     fewer than {@code nSplits} members
     */
    public List<IndexSplit> split(Tensor y) {
        return split(ClassLabels.encode(y, "StratifiedKFold"));
    }

    /**
     * Folds for class labels.
     *
     * @param y one class label per sample (any int values)
     * @return k splits, the i-th holding fold i out as its test part
     * @throws IllegalArgumentException if {@code y.length < nSplits} or every class has fewer than {@code nSplits}
     *     members
     */
    public List<IndexSplit> split(int[] y) {
        int n = y.length;
        if (nSplits > n)
            throw new IllegalArgumentException(
                    "StratifiedKFold: cannot have nSplits=" + nSplits + " greater than the number of samples: " + n);
        // Encode classes by order of first appearance.
        java.util.Map<Integer, Integer> code = new java.util.LinkedHashMap<>();
        int[] enc = new int[n];
        for (int i = 0; i < n; i++) enc[i] = code.computeIfAbsent(y[i], k -> code.size());
        int c = code.size();
        int[] counts = new int[c];
        for (int e : enc) counts[e]++;
        boolean allTooSmall = true;
        for (int k : counts) allTooSmall &= nSplits > k;
        if (allTooSmall)
            throw new IllegalArgumentException("StratifiedKFold: nSplits=" + nSplits
                    + " cannot be greater than the number of members in each class");
        // allocation[f][k]: class-k samples in fold f, from dealing the sorted codes round-robin.
        int[] sorted = enc.clone();
        java.util.Arrays.sort(sorted);
        int[][] allocation = new int[nSplits][c];
        for (int i = 0; i < n; i++) allocation[i % nSplits][sorted[i]]++;
        int[] fold = new int[n];
        Shuffler rng = draws.get();
        for (int k = 0; k < c; k++) {
            int[] foldsForClass = new int[counts[k]];
            int p = 0;
            for (int f = 0; f < nSplits; f++) for (int r = 0; r < allocation[f][k]; r++) foldsForClass[p++] = f;
            if (shuffle) {
                int[] perm = rng.permutation(foldsForClass.length);
                int[] s = new int[foldsForClass.length];
                for (int j = 0; j < s.length; j++) s[j] = foldsForClass[perm[j]];
                foldsForClass = s;
            }
            int j = 0;
            for (int i = 0; i < n; i++) if (enc[i] == k) fold[i] = foldsForClass[j++];
        }
        return Folds.fromAssignment(fold, nSplits);
    }
}
