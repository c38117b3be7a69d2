package dev.myelin.metrics;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Confusion matrix as scikit-learn's {@code confusion_matrix}: entry {@code [i][j]} counts samples whose true
 * label is {@code labels[i]} and predicted label is {@code labels[j]} (rows = true, columns = predicted).
 */
public final class ConfusionMatrix {
    private ConfusionMatrix() {}

    /** Over the sorted union of labels in both arrays. */
    public static int[][] compute(int[] yTrue, int[] yPred) {
        Labels.checkPair("confusionMatrix", yTrue, yPred);
        return compute(yTrue, yPred, Labels.unique(yTrue, yPred));
    }

    /** Over the given labels, in that order; samples whose true or predicted label is not listed are left out. */
    public static int[][] compute(int[] yTrue, int[] yPred, int[] labels) {
        Labels.checkPair("confusionMatrix", yTrue, yPred);
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.length; i++)
            if (index.put(labels[i], i) != null)
                throw new IllegalArgumentException(
                        "confusionMatrix: label " + labels[i] + " is listed twice in labels");
        int[][] cm = new int[labels.length][labels.length];
        for (int k = 0; k < yTrue.length; k++) {
            Integer t = index.get(yTrue[k]), p = index.get(yPred[k]);
            if (t != null && p != null) cm[t][p]++;
        }
        return cm;
    }

    /** From label tensors or from scores (argmax over classes); see {@link Labels#of}. */
    public static int[][] compute(Tensor yTrue, Tensor yPredOrScores) {
        return compute(Labels.of(yTrue), Labels.of(yPredOrScores));
    }

    /** The matrix as text, one row per line. */
    public static String format(int[][] cm) {
        StringBuilder sb = new StringBuilder();
        for (int[] row : cm) sb.append(Arrays.toString(row)).append('\n');
        return sb.toString();
    }
}
