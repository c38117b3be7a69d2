package dev.myelin.metrics;

import dev.myelin.tensor.Tensor;

import java.util.Arrays;
import java.util.TreeSet;

/** Class labels from tensors: integer-valued label vectors, or argmax of logits/probabilities. */
public final class Labels {
    private Labels() {}

    /**
     * Labels from a tensor: a 1-D tensor of whole numbers is taken as labels; an {@code [n, classes]}
     * tensor of scores (logits or probabilities) gives the argmax of each row.
     */
    public static int[] of(Tensor t) {
        if (t == null) throw new IllegalArgumentException("labels: tensor is null");
        if (t.dim() == 2) return argmax(t);
        if (t.dim() != 1 && t.dim() != 0)
            throw new IllegalArgumentException("labels: expected a 1-D tensor of labels or a 2-D [n, classes] tensor of scores, got shape "
                    + Arrays.toString(t.shape()));
        float[] d = t.data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE)
                throw new IllegalArgumentException("labels: element " + i + " is " + d[i] + ", not a whole number; for binary "
                        + "probabilities use Labels.threshold(probs, 0.5), for scores pass the [n, classes] tensor");
            out[i] = (int) d[i];
        }
        return out;
    }

    /** The index of the largest score in each row of an {@code [n, classes]} tensor (first one on ties, as NumPy). */
    public static int[] argmax(Tensor scores) {
        if (scores.dim() != 2 || scores.size(1) == 0)
            throw new IllegalArgumentException("argmax: expected a 2-D [n, classes] tensor with classes > 0, got shape " + Arrays.toString(scores.shape()));
        int n = scores.size(0), c = scores.size(1);
        float[] d = scores.data();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (d[i * c + j] > d[i * c + best]) best = j;
            out[i] = best;
        }
        return out;
    }

    /** 1 where the probability is above {@code threshold}, else 0 (binary classifiers). */
    public static int[] threshold(Tensor probabilities, double threshold) {
        float[] d = probabilities.data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) out[i] = d[i] > threshold ? 1 : 0;
        return out;
    }

    /** The sorted union of the labels in both arrays (scikit-learn's {@code unique_labels}). */
    public static int[] unique(int[] yTrue, int[] yPred) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int y : yTrue) set.add(y);
        for (int y : yPred) set.add(y);
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    static void checkPair(String metric, int[] yTrue, int[] yPred) {
        if (yTrue == null || yPred == null) throw new IllegalArgumentException(metric + ": yTrue and yPred must not be null");
        if (yTrue.length != yPred.length)
            throw new IllegalArgumentException(metric + ": yTrue has " + yTrue.length + " samples but yPred has " + yPred.length);
        if (yTrue.length == 0) throw new IllegalArgumentException(metric + ": yTrue and yPred are empty");
    }
}
