package dev.myelin.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * The text table of scikit-learn's {@code classification_report} (zero_division=0): precision, recall, F1 and
 * support per class, then accuracy (with labels other than those present: the micro average), macro average and
 * weighted average. Numbers round as Python's format does
 * (the exact binary value, ties to even), so the text matches scikit-learn's character for character.
 */
public final class ClassificationReport {
    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};
    private static final String LONGEST_AVERAGE = "weighted avg";

    private ClassificationReport() {}

    /**
     * The report with class names taken from the labels and 2 digits, as {@code classification_report(y_true, y_pred)}.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @return the table, one line per class and average, ending in a line break
     * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
     */
    public static String of(int[] yTrue, int[] yPred) {
        return of(yTrue, yPred, null, 2);
    }

    /**
     * The report with named classes, as {@code classification_report(y_true, y_pred, target_names=..., digits=...)}.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @param targetNames names for the classes in sorted label order (null: the labels themselves)
     * @param digits digits after the decimal point
     * @return the table, one line per class and average, ending in a line break
     * @throws IllegalArgumentException if an array is null or empty, their lengths differ, {@code digits} is negative,
     *     or the number of names differs from the number of classes
     */
    public static String of(int[] yTrue, int[] yPred, String[] targetNames, int digits) {
        return of(yTrue, yPred, null, targetNames, digits);
    }

    /**
     * The report for chosen classes, as
     * {@code classification_report(y_true, y_pred, labels=..., target_names=..., digits=...)}.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @param labels the classes to report, in order (scikit-learn's {@code labels=}: a class missing from a test set
     *     keeps its row); null: the labels present in yTrue and yPred, sorted
     * @param targetNames names for those classes (null: the labels themselves)
     * @param digits digits after the decimal point
     * @return the table, one line per class and average, ending in a line break
     * @throws IllegalArgumentException if an array is null or empty, their lengths differ, {@code digits} is negative,
     *     the number of names differs from the number of classes, or a label is listed twice
     */
    public static String of(int[] yTrue, int[] yPred, int[] labels, String[] targetNames, int digits) {
        if (digits < 0) throw new IllegalArgumentException("classificationReport: digits must be >= 0, got " + digits);
        ClassificationMetrics.PerClass pc = ClassificationMetrics.perClass(yTrue, yPred, labels);
        int k = pc.labels().length;
        String[] names = new String[k];
        if (targetNames != null && targetNames.length != k)
            throw new IllegalArgumentException(
                    "classificationReport: " + targetNames.length + " targetNames for " + k + " classes");
        for (int i = 0; i < k; i++) names[i] = targetNames != null ? targetNames[i] : String.valueOf(pc.labels()[i]);
        int width = Math.max(LONGEST_AVERAGE.length(), digits);
        for (String n : names) width = Math.max(width, n.length());

        StringBuilder sb = new StringBuilder();
        sb.append(pad("", width)).append(' ');
        for (String h : HEADERS) sb.append(' ').append(pad(h, 9));
        sb.append("\n\n");
        for (int i = 0; i < k; i++)
            row(sb, names[i], width, digits, pc.precision()[i], pc.recall()[i], pc.f1()[i], pc.support()[i]);
        sb.append('\n');
        int total = yTrue.length;
        double accuracy = ClassificationMetrics.accuracy(yTrue, yPred);
        if (labels == null || Arrays.equals(sorted(labels), Labels.unique(yTrue, yPred))) {
            sb.append(pad("accuracy", width))
                    .append(' ')
                    .append(' ')
                    .append(pad("", 9))
                    .append(' ')
                    .append(pad("", 9))
                    .append(' ')
                    .append(pad(fixed(accuracy, digits), 9))
                    .append(' ')
                    .append(pad(String.valueOf(total), 9))
                    .append('\n');
        } else {
            // As scikit-learn: with labels other than those present, the micro average (here, of predictions
            // that all fall within the labels, equal to the accuracy) gets a full row.
            row(sb, "micro avg", width, digits, accuracy, accuracy, accuracy, total);
        }
        row(
                sb,
                "macro avg",
                width,
                digits,
                ClassificationMetrics.mean(pc.precision(), null),
                ClassificationMetrics.mean(pc.recall(), null),
                ClassificationMetrics.mean(pc.f1(), null),
                total);
        row(
                sb,
                "weighted avg",
                width,
                digits,
                ClassificationMetrics.mean(pc.precision(), pc.support()),
                ClassificationMetrics.mean(pc.recall(), pc.support()),
                ClassificationMetrics.mean(pc.f1(), pc.support()),
                total);
        return sb.toString();
    }

    /**
     * The report for labels of any comparable type (Integer, String, ...): the classes are their sorted union, named by
     * {@code String.valueOf}.
     *
     * @param yTrue the true labels
     * @param yPred the predicted labels, as many
     * @param digits digits after the decimal point
     * @return the table, one line per class and average, ending in a line break
     * @throws IllegalArgumentException if the lengths differ, the arrays are empty, a label is null, the labels are not
     *     of one comparable type, or {@code digits} is negative
     */
    public static String of(Object[] yTrue, Object[] yPred, int digits) {
        if (yTrue.length != yPred.length)
            throw new IllegalArgumentException(
                    "classificationReport: yTrue has " + yTrue.length + " labels but yPred has " + yPred.length);
        Object[] both = Arrays.copyOf(yTrue, yTrue.length + yPred.length);
        System.arraycopy(yPred, 0, both, yTrue.length, yPred.length);
        Object[] classes = Labels.uniqueSorted(both, "classificationReport");
        String[] names = Arrays.stream(classes).map(String::valueOf).toArray(String[]::new);
        return of(
                Labels.encode(yTrue, classes, "classificationReport"),
                Labels.encode(yPred, classes, "classificationReport"),
                null,
                names,
                digits);
    }

    private static int[] sorted(int[] labels) {
        int[] s = labels.clone();
        Arrays.sort(s);
        return s;
    }

    private static void row(
            StringBuilder sb, String name, int width, int digits, double p, double r, double f, int support) {
        sb.append(pad(name, width)).append(' ');
        for (double v : new double[] {p, r, f}) sb.append(' ').append(pad(fixed(v, digits), 9));
        sb.append(' ').append(pad(String.valueOf(support), 9)).append('\n');
    }

    /** Right-aligns {@code s} in {@code width} columns, as Python's {@code {:>width}}. */
    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Python's {@code {:.Nf}}: the exact double value rounded half-to-even. */
    static String fixed(double v, int digits) {
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
