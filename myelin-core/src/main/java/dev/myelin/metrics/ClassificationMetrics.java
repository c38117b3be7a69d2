package dev.myelin.metrics;

import dev.myelin.tensor.Tensor;

/**
 * Accuracy, precision, recall and F1 with scikit-learn's definitions and {@code zero_division=0}: a ratio whose
 * denominator is zero (a class never predicted, or never present) counts as 0. Classes are the sorted union of the
 * labels in {@code yTrue} and {@code yPred}. The {@code Tensor} overloads take label vectors or [n, classes] scores
 * (see {@link Labels#of}).
 * <pre>{@code
 * double acc = ClassificationMetrics.accuracy(yTest, model.forward(xTest)); // labels [n], logits [n, classes]
 * double f1 = ClassificationMetrics.f1(new int[] {0, 1, 1}, new int[] {0, 1, 0}, Average.MACRO);
 * }</pre>
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {}

    /**
     * Per-class scores, as scikit-learn's {@code precision_recall_fscore_support(average=None)}; index {@code i} of
     * every array belongs to class {@code labels[i]}.
     *
     * @param labels the classes, in the order of the other arrays
     * @param precision each class's precision: correct predictions of it / all predictions of it (0 if never predicted)
     * @param recall each class's recall: correct predictions of it / its true samples (0 if never present)
     * @param f1 each class's F1, the harmonic mean of its precision and recall (0 if both are 0)
     * @param support each class's number of true samples
     */
    public record PerClass(int[] labels, double[] precision, double[] recall, double[] f1, int[] support) {}

    /**
     * The share of samples whose predicted label equals the true one, as {@code accuracy_score}.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @return the accuracy in [0, 1]
     * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
     */
    public static double accuracy(int[] yTrue, int[] yPred) {
        Labels.checkPair("accuracy", yTrue, yPred);
        int correct = 0;
        for (int i = 0; i < yTrue.length; i++) if (yTrue[i] == yPred[i]) correct++;
        return (double) correct / yTrue.length;
    }

    /**
     * The share of equal labels, for labels of any type (Integer, String, ...), compared with {@code equals}.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @return the accuracy in [0, 1]
     * @throws IllegalArgumentException if the arrays are empty or their lengths differ
     */
    public static double accuracy(Object[] yTrue, Object[] yPred) {
        if (yTrue.length != yPred.length || yTrue.length == 0)
            throw new IllegalArgumentException("accuracy: yTrue has " + yTrue.length + " samples and yPred "
                    + yPred.length + "; both must be non-empty and of equal length");
        int correct = 0;
        for (int i = 0; i < yTrue.length; i++) if (java.util.Objects.equals(yTrue[i], yPred[i])) correct++;
        return (double) correct / yTrue.length;
    }

    /**
     * Accuracy from label tensors, or from {@code [n, classes]} logits/probabilities via argmax (see
     * {@link Labels#of}).
     *
     * @param yTrue the true labels, a 1-D tensor of whole numbers
     * @param yPredOrScores the predicted labels, or [n, classes] scores
     * @return the accuracy in [0, 1]
     * @throws IllegalArgumentException if a tensor holds no labels (see {@link Labels#of}), or the counts differ or are
     *     0
     */
    public static double accuracy(Tensor yTrue, Tensor yPredOrScores) {
        return accuracy(Labels.of(yTrue), Labels.of(yPredOrScores));
    }

    /**
     * Precision, recall, F1 and support of every class present in either array (scikit-learn's
     * {@code precision_recall_fscore_support(average=None)}).
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @return the scores, by class in sorted label order
     * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
     */
    public static PerClass perClass(int[] yTrue, int[] yPred) {
        return perClass(yTrue, yPred, null);
    }

    /**
     * {@link #perClass(int[], int[])} for the given {@code labels} in that order (scikit-learn's {@code labels=}), so a
     * class absent from both arrays still gets its row (zero scores and support). Samples whose true or predicted label
     * is not listed are left out.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @param labels the classes to score, in order; null for the labels present, sorted
     * @return the scores, by class in the order of {@code labels}
     * @throws IllegalArgumentException if an array is null or empty, their lengths differ, or a label is listed twice
     */
    public static PerClass perClass(int[] yTrue, int[] yPred, int[] labels) {
        Labels.checkPair("perClass", yTrue, yPred);
        if (labels == null) labels = Labels.unique(yTrue, yPred);
        int[][] cm = ConfusionMatrix.compute(yTrue, yPred, labels);
        int k = labels.length;
        double[] p = new double[k], r = new double[k], f = new double[k];
        int[] support = new int[k];
        for (int i = 0; i < k; i++) {
            int tp = cm[i][i], predicted = 0, actual = 0;
            for (int j = 0; j < k; j++) {
                predicted += cm[j][i];
                actual += cm[i][j];
            }
            support[i] = actual;
            p[i] = ratio(tp, predicted);
            r[i] = ratio(tp, actual);
            f[i] = p[i] + r[i] == 0 ? 0 : 2 * p[i] * r[i] / (p[i] + r[i]);
        }
        return new PerClass(labels, p, r, f, support);
    }

    /**
     * Precision averaged over the classes, as {@code precision_score(average=...)}: of the samples predicted as a
     * class, the share that truly are.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @param average how per-class scores combine; MICRO equals the accuracy
     * @return the averaged precision in [0, 1]
     * @throws IllegalArgumentException if {@code average} is null, an array is null or empty, or their lengths differ
     */
    public static double precision(int[] yTrue, int[] yPred, Average average) {
        return average(yTrue, yPred, average, 0);
    }

    /**
     * Recall averaged over the classes, as {@code recall_score(average=...)}: of the samples of a class, the share
     * predicted as it.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @param average how per-class scores combine; MICRO equals the accuracy
     * @return the averaged recall in [0, 1]
     * @throws IllegalArgumentException if {@code average} is null, an array is null or empty, or their lengths differ
     */
    public static double recall(int[] yTrue, int[] yPred, Average average) {
        return average(yTrue, yPred, average, 1);
    }

    /**
     * F1 (harmonic mean of precision and recall) averaged over the classes, as {@code f1_score(average=...)}.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @param average how per-class scores combine; MICRO equals the accuracy
     * @return the averaged F1 in [0, 1]
     * @throws IllegalArgumentException if {@code average} is null, an array is null or empty, or their lengths differ
     */
    public static double f1(int[] yTrue, int[] yPred, Average average) {
        return average(yTrue, yPred, average, 2);
    }

    /**
     * {@link #precision(int[], int[], Average)} from label tensors, or from [n, classes] scores via argmax.
     *
     * @param yTrue the true labels, a 1-D tensor of whole numbers
     * @param yPredOrScores the predicted labels, or [n, classes] scores
     * @param average how per-class scores combine
     * @return the averaged precision in [0, 1]
     * @throws IllegalArgumentException if a tensor holds no labels (see {@link Labels#of}), the counts differ or are 0,
     *     or {@code average} is null
     */
    public static double precision(Tensor yTrue, Tensor yPredOrScores, Average average) {
        return precision(Labels.of(yTrue), Labels.of(yPredOrScores), average);
    }

    /**
     * {@link #recall(int[], int[], Average)} from label tensors, or from [n, classes] scores via argmax.
     *
     * @param yTrue the true labels, a 1-D tensor of whole numbers
     * @param yPredOrScores the predicted labels, or [n, classes] scores
     * @param average how per-class scores combine
     * @return the averaged recall in [0, 1]
     * @throws IllegalArgumentException if a tensor holds no labels (see {@link Labels#of}), the counts differ or are 0,
     *     or {@code average} is null
     */
    public static double recall(Tensor yTrue, Tensor yPredOrScores, Average average) {
        return recall(Labels.of(yTrue), Labels.of(yPredOrScores), average);
    }

    /**
     * {@link #f1(int[], int[], Average)} from label tensors, or from [n, classes] scores via argmax.
     *
     * @param yTrue the true labels, a 1-D tensor of whole numbers
     * @param yPredOrScores the predicted labels, or [n, classes] scores
     * @param average how per-class scores combine
     * @return the averaged F1 in [0, 1]
     * @throws IllegalArgumentException if a tensor holds no labels (see {@link Labels#of}), the counts differ or are 0,
     *     or {@code average} is null
     */
    public static double f1(Tensor yTrue, Tensor yPredOrScores, Average average) {
        return f1(Labels.of(yTrue), Labels.of(yPredOrScores), average);
    }

    /** which: 0 precision, 1 recall, 2 F1. */
    private static double average(int[] yTrue, int[] yPred, Average average, int which) {
        if (average == null)
            throw new IllegalArgumentException(
                    "average is null; use Average.MACRO, WEIGHTED or MICRO (or perClass for per-class scores)");
        PerClass pc = perClass(yTrue, yPred);
        double[] scores = which == 0 ? pc.precision() : which == 1 ? pc.recall() : pc.f1();
        switch (average) {
            case MACRO -> {
                return mean(scores, null);
            }
            case WEIGHTED -> {
                return mean(scores, pc.support());
            }
            default -> {
                // Micro over all classes: each sample is one prediction, so TP = correct and FP = FN = wrong;
                // precision, recall and F1 all equal accuracy.
                return accuracy(yTrue, yPred);
            }
        }
    }

    /**
     * The plain mean of per-class scores (weights null; NaN for no classes), or their mean weighted by support (0
     * when there is no support at all): the macro and weighted averages.
     */
    static double mean(double[] scores, int[] weights) {
        double s = 0;
        long total = 0;
        for (int i = 0; i < scores.length; i++) {
            int w = weights == null ? 1 : weights[i];
            s += scores[i] * w;
            total += w;
        }
        if (weights == null) {
            return s / scores.length;
        }
        return total == 0 ? 0 : s / total;
    }

    private static double ratio(int num, int den) {
        return den == 0 ? 0 : (double) num / den;
    }
}
