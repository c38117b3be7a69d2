package dev.myelin.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The text table of scikit-learn's {@code classification_report} (zero_division=0): precision, recall, F1 and
 * support per class, then accuracy, macro average and weighted average. Numbers round as Python's format does
 * (the exact binary value, ties to even), so the text matches scikit-learn's character for character.
 */
public final class ClassificationReport {
    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};
    private static final String LONGEST_AVERAGE = "weighted avg";

    private ClassificationReport() {}

    /** With class names taken from the labels and 2 digits. */
    public static String of(int[] yTrue, int[] yPred) {
        return of(yTrue, yPred, null, 2);
    }

    /**
     * @param targetNames names for the classes in sorted label order (null: the labels themselves)
     * @param digits      digits after the decimal point
     */
    public static String of(int[] yTrue, int[] yPred, String[] targetNames, int digits) {
        if (digits < 0) throw new IllegalArgumentException("classificationReport: digits must be >= 0, got " + digits);
        ClassificationMetrics.PerClass pc = ClassificationMetrics.perClass(yTrue, yPred);
        int k = pc.labels().length;
        String[] names = new String[k];
        if (targetNames != null && targetNames.length != k)
            throw new IllegalArgumentException("classificationReport: " + targetNames.length + " targetNames for " + k + " classes");
        for (int i = 0; i < k; i++) names[i] = targetNames != null ? targetNames[i] : String.valueOf(pc.labels()[i]);
        int width = Math.max(LONGEST_AVERAGE.length(), digits);
        for (String n : names) width = Math.max(width, n.length());

        StringBuilder sb = new StringBuilder();
        sb.append(pad("", width)).append(' ');
        for (String h : HEADERS) sb.append(' ').append(pad(h, 9));
        sb.append("\n\n");
        for (int i = 0; i < k; i++) row(sb, names[i], width, digits, pc.precision()[i], pc.recall()[i], pc.f1()[i], pc.support()[i]);
        sb.append('\n');
        int total = yTrue.length;
        sb.append(pad("accuracy", width)).append(' ').append(' ').append(pad("", 9)).append(' ').append(pad("", 9))
                .append(' ').append(pad(fixed(ClassificationMetrics.accuracy(yTrue, yPred), digits), 9))
                .append(' ').append(pad(String.valueOf(total), 9)).append('\n');
        row(sb, "macro avg", width, digits, ClassificationMetrics.precision(yTrue, yPred, Average.MACRO),
                ClassificationMetrics.recall(yTrue, yPred, Average.MACRO), ClassificationMetrics.f1(yTrue, yPred, Average.MACRO), total);
        row(sb, "weighted avg", width, digits, ClassificationMetrics.precision(yTrue, yPred, Average.WEIGHTED),
                ClassificationMetrics.recall(yTrue, yPred, Average.WEIGHTED), ClassificationMetrics.f1(yTrue, yPred, Average.WEIGHTED), total);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, int width, int digits, double p, double r, double f, int support) {
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
