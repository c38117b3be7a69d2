package dev.myelin.data.csv;

import java.util.Collection;

/** What the label column holds: class labels (encoded to 0..C-1) or real-valued regression targets. */
public enum Task {
    /** Class labels, encoded to class indices 0..C-1 in sorted order. */
    CLASSIFICATION,
    /** Real-valued targets, read as floats into a column [N, 1]. */
    REGRESSION;

    /**
     * The task a label column suggests, as scikit-learn's {@code type_of_target}: regression when every label is a
     * number and at least one is not a whole number ("continuous"), classification otherwise. Whole-number
     * regression targets (counts, prices in whole units) need the task stated.
     *
     * @param labels the label column's cells
     * @return {@link #REGRESSION} for numeric labels with a fractional one, else {@link #CLASSIFICATION}
     */
    public static Task infer(Collection<String> labels) {
        boolean fractional = false;
        for (String raw : labels) {
            String s = raw.trim();
            if (!CsvReader.isNumber(s)) {
                return CLASSIFICATION; // the same test as a numeric cell
            }
            float v = Float.parseFloat(s);
            fractional |= v != Math.rint(v);
        }
        return fractional ? REGRESSION : CLASSIFICATION;
    }
}
