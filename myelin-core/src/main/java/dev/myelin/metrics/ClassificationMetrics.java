package dev.myelin.metrics;

import dev.myelin.tensor.Tensor;

/**
 * Accuracy, precision, recall and F1 with scikit-learn's definitions and {@code zero_division=0}: a ratio
 * whose denominator is zero (a class never predicted, or never present) counts as 0. Classes are the sorted
 * union of the labels in {@code yTrue} and {@code yPred}.
 */
public final class ClassificationMetrics {
    private ClassificationMetrics() {}

    /** Per-class scores; index {@code i} belongs to class {@code labels[i]}. */
    public record PerClass(int[] labels, double[] precision, double[] recall, double[] f1, int[] support) {}

    public static double accuracy(int[] yTrue, int[] yPred) {
        Labels.checkPair("accuracy", yTrue, yPred);
        int correct = 0;
        for (int i = 0; i < yTrue.length; i++) if (yTrue[i] == yPred[i]) correct++;
        return (double) correct / yTrue.length;
    }

    /** The share of equal labels, for labels of any type (Integer, String, ...). */
    public static double accuracy(Object[] yTrue, Object[] yPred) {
        if (yTrue.length != yPred.length || yTrue.length == 0)
            throw new IllegalArgumentException("accuracy: yTrue has " + yTrue.length + " samples and yPred "
                    + yPred.length + "; both must be non-empty and of equal length");
        int correct = 0;
        for (int i = 0; i < yTrue.length; i++) if (java.util.Objects.equals(yTrue[i], yPred[i])) correct++;
        return (double) correct / yTrue.length;
    }

    /** Accuracy from label tensors, or from {@code [n, classes]} logits/probabilities via argmax. */
    public static double accuracy(Tensor yTrue, Tensor yPredOrScores) {
        return accuracy(Labels.of(yTrue), Labels.of(yPredOrScores));
    }

    /** Precision, recall, F1 and support of every class (scikit-learn's {@code precision_recall_fscore_support(average=None)}). */
    public static PerClass perClass(int[] yTrue, int[] yPred) {
        return perClass(yTrue, yPred, null);
    }

    /**
     * {@link #perClass(int[], int[])} for the given {@code labels} in that order (scikit-learn's {@code labels=}),
     * so a class absent from both arrays still gets its row (zero scores and support); null: the labels present.
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

    public static double precision(int[] yTrue, int[] yPred, Average average) {
        return average(yTrue, yPred, average, 0);
    }

    public static double recall(int[] yTrue, int[] yPred, Average average) {
        return average(yTrue, yPred, average, 1);
    }

    public static double f1(int[] yTrue, int[] yPred, Average average) {
        return average(yTrue, yPred, average, 2);
    }

    public static double precision(Tensor yTrue, Tensor yPredOrScores, Average average) {
        return precision(Labels.of(yTrue), Labels.of(yPredOrScores), average);
    }

    public static double recall(Tensor yTrue, Tensor yPredOrScores, Average average) {
        return recall(Labels.of(yTrue), Labels.of(yPredOrScores), average);
    }

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
