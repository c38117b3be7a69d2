package dev.myelin.data.csv;

import java.util.Collection;

/** What the label column holds: class labels (encoded to 0..C-1) or real-valued regression targets. */
public enum Task {
    CLASSIFICATION,
    REGRESSION;

    /**
     * The task a label column suggests, as scikit-learn's {@code type_of_target}: regression when every label is a
     * number and at least one is not a whole number ("continuous"), classification otherwise. Whole-number
     * regression targets (counts, prices in whole units) need the task stated.
     */
    public static Task infer(Collection<String> labels) {
        boolean fractional = false;
        for (String raw : labels) {
            String s = raw.trim();
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return CLASSIFICATION;
            }
            if (!Double.isFinite(v) || s.endsWith("f") || s.endsWith("F") || s.endsWith("d") || s.endsWith("D")) {
                return CLASSIFICATION;
            }
            fractional |= v != Math.rint(v);
        }
        return fractional ? REGRESSION : CLASSIFICATION;
    }
}
