package dev.myelin.data.preprocessing;

import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps labels (strings, integers, any comparable values) to class indices 0..C-1 and back, like
 * {@code sklearn.preprocessing.LabelEncoder}: the classes are the distinct labels in sorted order.
 *
 * @param <T> the label type
 */
public final class LabelEncoder<T extends Comparable<? super T>> {
    private List<T> classes;
    private Map<T, Integer> index;

    /** An encoder with no classes yet; call {@link #fit(Collection)} first. */
    public LabelEncoder() {}

    /**
     * Learns the sorted distinct labels, replacing any earlier fit.
     *
     * @param labels the training labels
     * @return this encoder, fitted
     * @throws IllegalArgumentException if a label is null
     */
    public LabelEncoder<T> fit(Collection<? extends T> labels) {
        for (T t : labels)
            if (t == null) throw new IllegalArgumentException("LabelEncoder.fit: labels must not contain null");
        List<T> sorted = new ArrayList<>(new TreeSet<T>(labels));
        Map<T, Integer> idx = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) idx.put(sorted.get(i), i);
        this.classes = List.copyOf(sorted);
        this.index = idx;
        return this;
    }

    /**
     * Creates an encoder fitted on integer labels (sorted numerically).
     *
     * @param labels the training labels
     * @return a fitted encoder
     */
    public static LabelEncoder<Integer> ofInts(int... labels) {
        List<Integer> l = new ArrayList<>(labels.length);
        for (int v : labels) l.add(v);
        return new LabelEncoder<Integer>().fit(l);
    }

    /**
     * Encodes labels as class indices.
     *
     * @param labels the labels to encode
     * @return the class index of each label
     * @throws IllegalStateException if the encoder is not fitted
     * @throws IllegalArgumentException if a label was not seen in fit (all such labels are named)
     */
    public int[] transform(List<? extends T> labels) {
        checkFitted("transform");
        int[] out = new int[labels.size()];
        List<T> unseen = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            Integer k = index.get(labels.get(i));
            if (k == null) {
                if (!unseen.contains(labels.get(i))) unseen.add(labels.get(i));
            } else out[i] = k;
        }
        if (!unseen.isEmpty())
            throw new IllegalArgumentException("LabelEncoder.transform: y contains previously unseen labels " + unseen
                    + "; known classes are " + classes);
        return out;
    }

    /**
     * Encodes labels as a float tensor of class indices, the form the classification losses take.
     *
     * @param labels the labels to encode
     * @return the class indices, shape [N]
     * @throws IllegalStateException if the encoder is not fitted
     * @throws IllegalArgumentException if a label was not seen in fit
     */
    public Tensor transformToTensor(List<? extends T> labels) {
        int[] k = transform(labels);
        float[] f = new float[k.length];
        for (int i = 0; i < k.length; i++) f[i] = k[i];
        return new Tensor(f, f.length);
    }

    /**
     * Fits on the labels, then encodes them (scikit-learn's {@code fit_transform}).
     *
     * @param labels the training labels
     * @return the class index of each label
     * @throws IllegalArgumentException if a label is null
     */
    public int[] fitTransform(List<? extends T> labels) {
        return fit(labels).transform(labels);
    }

    /**
     * Decodes class indices back to labels.
     *
     * @param indices class indices in 0..C-1
     * @return the label of each index
     * @throws IllegalStateException if the encoder is not fitted
     * @throws IllegalArgumentException if an index is out of range
     */
    public List<T> inverseTransform(int[] indices) {
        checkFitted("inverseTransform");
        List<T> out = new ArrayList<>(indices.length);
        for (int k : indices) {
            if (k < 0 || k >= classes.size())
                throw new IllegalArgumentException("LabelEncoder.inverseTransform: class index " + k
                        + " is out of range 0.." + (classes.size() - 1));
            out.add(classes.get(k));
        }
        return out;
    }

    /**
     * Decodes a tensor of class indices (e.g. a model's {@code argmax}) back to labels.
     *
     * @param indices a tensor (a view too) of integer-valued class indices, any shape, read in row-major order
     * @return the label of each index
     * @throws IllegalStateException if the encoder is not fitted
     * @throws IllegalArgumentException if a value is not an integer or is out of range
     */
    public List<T> inverseTransform(Tensor indices) {
        float[] d = indices.values();
        int[] k = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]))
                throw new IllegalArgumentException(
                        "LabelEncoder.inverseTransform: " + d[i] + " at position " + i + " is not a class index");
            k[i] = (int) d[i];
        }
        return inverseTransform(k);
    }

    /**
     * {@return the sorted classes ({@code classes_}), unmodifiable}
     *
     * @throws IllegalStateException if the encoder is not fitted
     */
    public List<T> classes() {
        checkFitted("classes");
        return classes;
    }

    /**
     * {@return the number of classes C}
     *
     * @throws IllegalStateException if the encoder is not fitted
     */
    public int numClasses() {
        return classes().size();
    }

    private void checkFitted(String op) {
        if (classes == null)
            throw new IllegalStateException("LabelEncoder." + op + ": not fitted yet; call fit(labels) first");
    }

    /**
     * Learns the sorted distinct labels of an array, as {@link #fit(Collection)}.
     *
     * @param labels the training labels
     * @return this encoder, fitted
     * @throws IllegalArgumentException if a label is null
     */
    public LabelEncoder<T> fit(T[] labels) {
        return fit(java.util.Arrays.asList(labels));
    }

    /**
     * Encodes an array of labels, as {@link #transform(List)}.
     *
     * @param labels the labels to encode
     * @return the class index of each label
     * @throws IllegalStateException if the encoder is not fitted
     * @throws IllegalArgumentException if a label was not seen in fit
     */
    public int[] transform(T[] labels) {
        return transform(java.util.Arrays.asList(labels));
    }

    /**
     * Fits on an array of labels, then encodes them.
     *
     * @param labels the training labels
     * @return the class index of each label
     * @throws IllegalArgumentException if a label is null
     */
    public int[] fitTransform(T[] labels) {
        return fit(labels).transform(labels);
    }
}
