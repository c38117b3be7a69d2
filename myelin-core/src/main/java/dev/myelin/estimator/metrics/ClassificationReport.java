package dev.myelin.estimator.metrics;

import java.util.Locale;
import java.util.TreeSet;

/**
 * Per-class precision, recall, F1 and support with accuracy, macro and weighted averages, formatted like
 * scikit-learn's {@code classification_report} (labels sorted; precision of a never-predicted class is 0).
 */
public final class ClassificationReport {
    private ClassificationReport() {
    }

    /** The text report for true labels and predictions (any mutually comparable labels). */
    public static String of(Object[] yTrue, Object[] yPred, int digits) {
        if (yTrue.length != yPred.length || yTrue.length == 0) {
            throw new IllegalArgumentException("classificationReport: yTrue has " + yTrue.length + " labels and yPred "
                    + yPred.length + "; both must be non-empty and of equal length");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        TreeSet<Object> set = new TreeSet();
        for (int i = 0; i < yTrue.length; i++) {
            set.add(yTrue[i]);
            set.add(yPred[i]);
        }
        Object[] labels = set.toArray();
        int k = labels.length;
        double[] p = new double[k];
        double[] r = new double[k];
        double[] f = new double[k];
        int[] support = new int[k];
        int correct = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i].equals(yPred[i])) {
                correct++;
            }
        }
        int width = "weighted avg".length();
        for (int c = 0; c < k; c++) {
            int tp = 0, pred = 0, actual = 0;
            for (int i = 0; i < yTrue.length; i++) {
                boolean t = yTrue[i].equals(labels[c]);
                boolean q = yPred[i].equals(labels[c]);
                if (t) actual++;
                if (q) pred++;
                if (t && q) tp++;
            }
            p[c] = pred == 0 ? 0 : (double) tp / pred;
            r[c] = actual == 0 ? 0 : (double) tp / actual;
            f[c] = p[c] + r[c] == 0 ? 0 : 2 * p[c] * r[c] / (p[c] + r[c]);
            support[c] = actual;
            width = Math.max(width, String.valueOf(labels[c]).length());
        }
        int n = yTrue.length;
        String head = "%" + width + "s %9s %9s %9s %9s%n";
        String row = "%" + width + "s %9." + digits + "f %9." + digits + "f %9." + digits + "f %9d%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, head, "", "precision", "recall", "f1-score", "support")).append('\n');
        for (int c = 0; c < k; c++) {
            sb.append(String.format(Locale.ROOT, row, labels[c], p[c], r[c], f[c], support[c]));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%" + width + "s %9s %9s %9." + digits + "f %9d%n", "accuracy", "", "",
                (double) correct / n, n));
        double mp = 0, mr = 0, mf = 0, wp = 0, wr = 0, wf = 0;
        for (int c = 0; c < k; c++) {
            mp += p[c] / k;
            mr += r[c] / k;
            mf += f[c] / k;
            wp += p[c] * support[c] / n;
            wr += r[c] * support[c] / n;
            wf += f[c] * support[c] / n;
        }
        sb.append(String.format(Locale.ROOT, row, "macro avg", mp, mr, mf, n));
        sb.append(String.format(Locale.ROOT, row, "weighted avg", wp, wr, wf, n));
        return sb.toString();
    }

    /** The text report for integer labels, 2 digits as scikit-learn's default. */
    public static String of(int[] yTrue, int[] yPred) {
        Object[] t = new Object[yTrue.length];
        Object[] q = new Object[yPred.length];
        for (int i = 0; i < t.length; i++) t[i] = yTrue[i];
        for (int i = 0; i < q.length; i++) q[i] = yPred[i];
        return of(t, q, 2);
    }
}
