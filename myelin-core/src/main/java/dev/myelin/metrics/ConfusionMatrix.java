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

    /**
     * The confusion matrix over the sorted union of labels in both arrays, as {@code confusion_matrix(y_true, y_pred)}.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @return a k×k matrix for the k distinct labels, rows true, columns predicted
     * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
     */
    public static int[][] compute(int[] yTrue, int[] yPred) {
        Labels.checkPair("confusionMatrix", yTrue, yPred);
        return compute(yTrue, yPred, Labels.unique(yTrue, yPred));
    }

    /**
     * The confusion matrix over the given labels, in that order ({@code labels=}); samples whose true or predicted
     * label is not listed are left out.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @param labels the classes of the rows and columns, each once
     * @return a matrix of {@code labels.length} rows and columns, rows true, columns predicted
     * @throws IllegalArgumentException if an array is null or empty, their lengths differ, or a label is listed twice
     */
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

    /**
     * The confusion matrix from label tensors or from [n, classes] scores (argmax over classes); see {@link Labels#of}.
     *
     * @param yTrue the true labels, a 1-D tensor of whole numbers
     * @param yPredOrScores the predicted labels, or [n, classes] scores
     * @return a k×k matrix over the sorted union of labels, rows true, columns predicted
     * @throws IllegalArgumentException if a tensor holds no labels, or the counts differ or are 0
     */
    public static int[][] compute(Tensor yTrue, Tensor yPredOrScores) {
        return compute(Labels.of(yTrue), Labels.of(yPredOrScores));
    }

    /**
     * {@return the matrix as text, one row per line, such as {@code [5, 1]}}
     *
     * @param cm the matrix
     */
    public static String format(int[][] cm) {
        StringBuilder sb = new StringBuilder();
        for (int[] row : cm) sb.append(Arrays.toString(row)).append('\n');
        return sb.toString();
    }
}
