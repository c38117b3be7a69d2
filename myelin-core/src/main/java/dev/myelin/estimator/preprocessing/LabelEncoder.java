package dev.myelin.estimator.preprocessing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** Encodes labels as 0..k−1 in sorted label order, as scikit-learn's {@code LabelEncoder}. */
public final class LabelEncoder {
    private Object[] classes;
    private Map<Object, Integer> index;

    /** Learns the sorted distinct labels. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public LabelEncoder fit(Object[] y) {
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException("LabelEncoder: y is empty; pass at least one label");
        }
        TreeSet set = new TreeSet();
        for (Object o : y) {
            if (o == null) {
                throw new IllegalArgumentException("LabelEncoder: y contains null; every sample needs a label");
            }
            set.add(o);
        }
        classes = set.toArray();
        index = new HashMap<>();
        for (int i = 0; i < classes.length; i++) {
            index.put(classes[i], i);
        }
        return this;
    }

    /** Codes of the labels. */
    public int[] transform(Object[] y) {
        if (classes == null) {
            throw new IllegalStateException("This LabelEncoder instance is not fitted yet. Call fit(y) first.");
        }
        int[] out = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            Integer k = index.get(y[i]);
            if (k == null) {
                throw new IllegalArgumentException("LabelEncoder: y contains previously unseen label '" + y[i]
                        + "'; known labels are " + Arrays.toString(classes));
            }
            out[i] = k;
        }
        return out;
    }

    /** fit then transform. */
    public int[] fitTransform(Object[] y) {
        return fit(y).transform(y);
    }

    /** Labels of the codes. */
    public Object[] inverseTransform(int[] codes) {
        if (classes == null) {
            throw new IllegalStateException("This LabelEncoder instance is not fitted yet. Call fit(y) first.");
        }
        Object[] out = new Object[codes.length];
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] >= classes.length) {
                throw new IllegalArgumentException("LabelEncoder: code " + codes[i] + " is outside 0.." + (classes.length - 1));
            }
            out[i] = classes[codes[i]];
        }
        return out;
    }

    /** The sorted labels. */
    public Object[] classes() {
        return classes == null ? null : classes.clone();
    }
}
