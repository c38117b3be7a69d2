package dev.myelin.metrics;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.TreeSet;

/** Class labels from tensors: integer-valued label vectors, or argmax of logits/probabilities. */
public final class Labels {
    private Labels() {}

    /**
     * Labels from a tensor: a 1-D (or 0-d) tensor or an {@code [n, 1]} column of whole numbers is taken as labels;
     * an {@code [n, classes]} tensor of scores (logits or probabilities, classes &gt; 1) gives the argmax of each row.
     * (A single column is never taken as scores: its argmax would be 0 for every row.)
     *
     * @param t the labels or scores; a compact tensor (a model's output is one)
     * @return one label per sample
     * @throws IllegalArgumentException if {@code t} is null, has more than 2 dims, or a label is not a whole number
     *     (binary probabilities need {@link #threshold})
     */
    public static int[] of(Tensor t) {
        if (t == null) throw new IllegalArgumentException("labels: tensor is null");
        if (t.dim() == 2 && t.size(1) != 1) return argmax(t);
        if (t.dim() > 2)
            throw new IllegalArgumentException(
                    "labels: expected a 1-D tensor of labels or a 2-D [n, classes] tensor of scores, got shape "
                            + Arrays.toString(t.shape()));
        float[] d = t.values();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE)
                throw new IllegalArgumentException(
                        "labels: element " + i + " is " + d[i] + ", not a whole number; for binary "
                                + "probabilities use Labels.threshold(probs, 0.5), for scores pass the [n, classes] tensor");
            out[i] = (int) d[i];
        }
        return out;
    }

    /**
     * The index of the largest score in each row of an {@code [n, classes]} tensor (first one on ties, as NumPy).
     *
     * @param scores [n, classes] logits or probabilities; a compact tensor
     * @return the predicted class of each row
     * @throws IllegalArgumentException if {@code scores} is not 2-D or has no classes
     */
    public static int[] argmax(Tensor scores) {
        if (scores.dim() != 2 || scores.size(1) == 0)
            throw new IllegalArgumentException("argmax: expected a 2-D [n, classes] tensor with classes > 0, got shape "
                    + Arrays.toString(scores.shape()));
        int n = scores.size(0), c = scores.size(1);
        float[] d = scores.values();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (d[i * c + j] > d[i * c + best]) best = j;
            out[i] = best;
        }
        return out;
    }

    /**
     * 1 where the probability is above {@code threshold}, else 0 (binary classifiers), in row-major order.
     *
     * @param probabilities probabilities of the positive class, any shape; a compact tensor
     * @param threshold the cut-off, usually 0.5; a value equal to it gives 0
     * @return one 0/1 label per element
     */
    public static int[] threshold(Tensor probabilities, double threshold) {
        float[] d = probabilities.values();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) out[i] = d[i] > threshold ? 1 : 0;
        return out;
    }

    /**
     * The sorted union of the labels in both arrays (scikit-learn's {@code unique_labels}).
     *
     * @param yTrue some labels
     * @param yPred more labels
     * @return each distinct label once, ascending
     */
    public static int[] unique(int[] yTrue, int[] yPred) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int y : yTrue) set.add(y);
        for (int y : yPred) set.add(y);
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    // Labels of any comparable type (Integer, String, ...), as the estimators' classes_.

    /**
     * {@return the labels as boxed Integers, for the overloads that take labels of any type}
     *
     * @param y the labels
     */
    public static Object[] box(int[] y) {
        Object[] o = new Object[y.length];
        for (int i = 0; i < y.length; i++) o[i] = y[i];
        return o;
    }

    /**
     * The sorted distinct labels ({@code np.unique}), for labels of one comparable type such as Integer or String.
     *
     * @param y the labels
     * @param who the caller, named in errors
     * @return each distinct label once, in natural order
     * @throws IllegalArgumentException if a label is null or the labels are not mutually comparable
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object[] uniqueSorted(Object[] y, String who) {
        TreeSet set = new TreeSet();
        for (int i = 0; i < y.length; i++) {
            if (y[i] == null)
                throw new IllegalArgumentException(who + ": y[" + i + "] is null; every sample needs a label");
            try {
                set.add(y[i]);
            } catch (ClassCastException e) {
                throw new IllegalArgumentException(
                        who + ": labels must all be of one comparable type (e.g. all Integer " + "or all String); y["
                                + i + "] is a " + y[i].getClass().getSimpleName(),
                        e);
            }
        }
        return set.toArray();
    }

    /**
     * The index of each label in {@code classes}, as scikit-learn's {@code LabelEncoder.transform}.
     *
     * @param y the labels
     * @param classes the known classes
     * @param who the caller, named in errors
     * @return for each label, its position in {@code classes}
     * @throws IllegalArgumentException if labels are missing from {@code classes}; the message names them
     */
    public static int[] encode(Object[] y, Object[] classes, String who) {
        java.util.Map<Object, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < classes.length; i++) index.put(classes[i], i);
        int[] out = new int[y.length];
        TreeSet<String> unknown = new TreeSet<>();
        for (int i = 0; i < y.length; i++) {
            Integer k = y[i] == null ? null : index.get(y[i]);
            if (k == null) unknown.add(String.valueOf(y[i]));
            else out[i] = k;
        }
        if (!unknown.isEmpty())
            throw new IllegalArgumentException(
                    who + ": y contains labels " + unknown + " that are not in classes " + Arrays.toString(classes)
                            + "; pass all classes on the first partialFit call, or fit from scratch");
        return out;
    }

    static void checkPair(String metric, int[] yTrue, int[] yPred) {
        if (yTrue == null || yPred == null)
            throw new IllegalArgumentException(metric + ": yTrue and yPred must not be null");
        if (yTrue.length != yPred.length)
            throw new IllegalArgumentException(
                    metric + ": yTrue has " + yTrue.length + " samples but yPred has " + yPred.length);
        if (yTrue.length == 0) throw new IllegalArgumentException(metric + ": yTrue and yPred are empty");
    }
}
