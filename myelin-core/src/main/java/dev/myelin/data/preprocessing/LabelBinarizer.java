package dev.myelin.data.preprocessing;

/**
 * Class labels as the 0/1 target columns a classifier's output layer learns, as scikit-learn's
 * {@code LabelBinarizer} (which its MLPClassifier uses): for two classes one column (1 for the second class), for
 * k &gt; 2 classes k one-hot columns; a multi-label indicator matrix passes through after its checks.
 */
public final class LabelBinarizer {
    private LabelBinarizer() {}

    /**
     * Counts the target columns for k classes.
     *
     * @param k the number of classes
     * @return 1 for two classes, else k
     */
    public static int width(int k) {
        return k == 2 ? 1 : k;
    }

    /**
     * Encodes class indices as 0/1 target columns ({@code LabelBinarizer.transform}).
     *
     * @param classIndex one class index in 0..k-1 per sample
     * @param k the number of classes
     * @return row-major targets [n, width(k)]: the class itself (0 or 1) for two classes, else one-hot rows
     * @throws IllegalArgumentException if an index is outside 0..k-1
     */
    public static float[] binarize(int[] classIndex, int k) {
        int w = width(k);
        float[] out = new float[classIndex.length * w];
        for (int i = 0; i < classIndex.length; i++) {
            int c = classIndex[i];
            if (c < 0 || c >= k)
                throw new IllegalArgumentException(
                        "LabelBinarizer: class index " + c + " at row " + i + " is outside 0.." + (k - 1));
            if (k == 2) out[i] = c;
            else out[i * k + c] = 1f;
        }
        return out;
    }

    /**
     * Checks a multi-label indicator matrix and flattens it.
     *
     * @param y the indicator matrix [n][k], k &gt;= 2, every entry 0 or 1
     * @param who the estimator or method named in error messages
     * @return the entries as row-major floats, length n * k
     * @throws IllegalArgumentException if y is null, has fewer than 2 columns, is ragged, or holds a value other
     *     than 0 or 1
     */
    public static float[] indicator(int[][] y, String who) {
        if (y == null) throw new IllegalArgumentException(who + ": y is null; pass one indicator row per sample");
        int k = y.length == 0 || y[0] == null ? 0 : y[0].length;
        if (k < 2)
            throw new IllegalArgumentException(who + ": a multi-label indicator needs at least 2 columns, got " + k
                    + "; for a single yes/no label pass it as int[] y");
        float[] out = new float[y.length * k];
        for (int i = 0; i < y.length; i++) {
            if (y[i] == null || y[i].length != k)
                throw new IllegalArgumentException(who + ": indicator row " + i + " has "
                        + (y[i] == null ? "no" : y[i].length) + " columns, expected " + k);
            for (int j = 0; j < k; j++) {
                int v = y[i][j];
                if (v != 0 && v != 1)
                    throw new IllegalArgumentException(
                            who + ": indicator[" + i + "][" + j + "] = " + v + "; multi-label targets must be 0 or 1");
                out[i * k + j] = v;
            }
        }
        return out;
    }
}
