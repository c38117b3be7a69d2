package dev.myelin.estimator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Sorted distinct class labels and the mapping label → index, as scikit-learn's {@code classes_}
 * ({@code np.unique}: ascending order). Labels are Integers, Strings or any mutually comparable objects.
 */
final class Labels {
    private Labels() {
    }

    static Object[] box(int[] y) {
        Object[] o = new Object[y.length];
        for (int i = 0; i < y.length; i++) {
            o[i] = y[i];
        }
        return o;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object[] uniqueSorted(Object[] y, String who) {
        TreeSet set = new TreeSet();
        for (int i = 0; i < y.length; i++) {
            if (y[i] == null) {
                throw new IllegalArgumentException(who + ": y[" + i + "] is null; every sample needs a label");
            }
            try {
                set.add(y[i]);
            } catch (ClassCastException e) {
                throw new IllegalArgumentException(who + ": labels must all be of one comparable type (e.g. all Integer "
                        + "or all String); y[" + i + "] is a " + y[i].getClass().getSimpleName(), e);
            }
        }
        return set.toArray();
    }

    /** Index of each label in classes; throws naming the unknown labels. */
    static int[] encode(Object[] y, Object[] classes, String who) {
        Map<Object, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.length; i++) {
            index.put(classes[i], i);
        }
        int[] out = new int[y.length];
        TreeSet<String> unknown = new TreeSet<>();
        for (int i = 0; i < y.length; i++) {
            Integer k = y[i] == null ? null : index.get(y[i]);
            if (k == null) {
                unknown.add(String.valueOf(y[i]));
            } else {
                out[i] = k;
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(who + ": y contains labels " + unknown + " that are not in classes "
                    + Arrays.toString(classes) + "; pass all classes on the first partialFit call, or fit from scratch");
        }
        return out;
    }
}
