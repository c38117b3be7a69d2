package dev.myelin.data.preprocessing;

import dev.myelin.data.Rows;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Encodes categorical columns as one-hot indicator columns, like {@code sklearn.preprocessing.OneHotEncoder}
 * with dense output: each input column j with sorted categories c_0..c_{k-1} becomes k output columns. The
 * fitted categories are kept, so the same encoding can be applied at predict time.
 */
public final class OneHotEncoder {
    /** What to do with a category not seen during fit. */
    public enum HandleUnknown {
        /** Throw an error naming the column and value (scikit-learn's default). */
        ERROR,
        /** Encode it as all zeros. */
        IGNORE
    }

    private final HandleUnknown handleUnknown;
    private List<List<String>> categories;
    private List<Map<String, Integer>> index;

    /**
     * An unfitted encoder (scikit-learn's {@code handle_unknown}).
     *
     * @param handleUnknown what transform does with a category not seen in fit
     */
    public OneHotEncoder(HandleUnknown handleUnknown) {
        this.handleUnknown = handleUnknown;
    }

    /** An unfitted encoder that rejects unknown categories ({@link HandleUnknown#ERROR}, scikit-learn's default). */
    public OneHotEncoder() {
        this(HandleUnknown.ERROR);
    }

    /**
     * Creates an encoder with the given categories per column (e.g. restored from a saved model), in the given
     * order (scikit-learn's {@code categories=} argument).
     *
     * @param categories the categories of each input column, in output order
     * @param handleUnknown what transform does with a category not in the list
     * @return a fitted encoder
     */
    public static OneHotEncoder withCategories(List<List<String>> categories, HandleUnknown handleUnknown) {
        OneHotEncoder e = new OneHotEncoder(handleUnknown);
        e.setCategories(categories);
        return e;
    }

    /**
     * Learns the sorted distinct values of each column, replacing any earlier fit.
     *
     * @param rows the samples [N][F], N &gt;= 1, every row F non-null values
     * @return this encoder, fitted
     * @throws IllegalArgumentException if there are no rows, a row has a different length, or a value is null
     */
    public OneHotEncoder fit(List<String[]> rows) {
        return fit(rows, java.util.Comparator.naturalOrder());
    }

    /** Learns the distinct values of each column, sorted by {@code order}. */
    private OneHotEncoder fit(List<String[]> rows, java.util.Comparator<String> order) {
        if (rows.isEmpty()) throw new IllegalArgumentException("OneHotEncoder.fit: no rows");
        int f = rows.get(0).length;
        List<TreeSet<String>> seen = new ArrayList<>();
        for (int j = 0; j < f; j++) seen.add(new TreeSet<>(order));
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            if (r.length != f)
                throw new IllegalArgumentException(
                        "OneHotEncoder.fit: row " + i + " has " + r.length + " columns, row 0 has " + f);
            for (int j = 0; j < f; j++) {
                if (r[j] == null)
                    throw new IllegalArgumentException(
                            "OneHotEncoder.fit: missing value in row " + i + ", column " + j);
                seen.get(j).add(r[j]);
            }
        }
        setCategories(seen.stream().map(s -> (List<String>) new ArrayList<>(s)).toList());
        return this;
    }

    private void setCategories(List<List<String>> cats) {
        List<Map<String, Integer>> idx = new ArrayList<>();
        for (List<String> c : cats) {
            Map<String, Integer> m = new HashMap<>();
            for (int k = 0; k < c.size(); k++) m.put(c.get(k), k);
            idx.add(m);
        }
        this.categories = cats.stream().map(List::copyOf).toList();
        this.index = idx;
    }

    /**
     * Encodes rows as one-hot indicator columns, the columns of input column 0 first.
     *
     * @param rows the samples [N][F], F as in fit
     * @return the one-hot matrix [N, outputWidth()]
     * @throws IllegalStateException if the encoder is not fitted
     * @throws IllegalArgumentException if a row has the wrong length, or (with {@link HandleUnknown#ERROR}) holds
     *     a category not seen in fit
     */
    public Tensor transform(List<String[]> rows) {
        checkFitted("transform");
        int f = categories.size(), width = outputWidth();
        float[] out = new float[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            if (r.length != f)
                throw new IllegalArgumentException("OneHotEncoder.transform: row " + i + " has " + r.length
                        + " columns, the encoder was fitted on " + f);
            int offset = 0;
            for (int j = 0; j < f; j++) {
                Integer k = index.get(j).get(r[j]);
                if (k != null) out[i * width + offset + k] = 1;
                else if (handleUnknown == HandleUnknown.ERROR)
                    throw new IllegalArgumentException("OneHotEncoder.transform: unknown category '" + r[j]
                            + "' in column " + j + " (row " + i + "); known categories: " + categories.get(j)
                            + ". Use HandleUnknown.IGNORE to encode unknown values as zeros");
                offset += categories.get(j).size();
            }
        }
        return new Tensor(out, rows.size(), width);
    }

    /**
     * Fits on the rows, then encodes them (scikit-learn's {@code fit_transform}).
     *
     * @param rows the samples [N][F]
     * @return the one-hot matrix [N, outputWidth()]
     * @throws IllegalArgumentException as {@link #fit(List)}
     */
    public Tensor fitTransform(List<String[]> rows) {
        return fit(rows).transform(rows);
    }

    /**
     * Decodes one-hot rows: in each column's block the largest positive entry wins.
     *
     * @param onehot a tensor [N, outputWidth()] (a view too)
     * @return the category of each column for each row; an all-zero block (an ignored unknown) gives null
     * @throws IllegalStateException if the encoder is not fitted
     * @throws IllegalArgumentException if the shape is not [N, outputWidth()]
     */
    public List<String[]> inverseTransform(Tensor onehot) {
        checkFitted("inverseTransform");
        int width = outputWidth();
        if (onehot.dim() != 2 || onehot.size(1) != width)
            throw new IllegalArgumentException("OneHotEncoder.inverseTransform: expected shape [N, " + width + "], got "
                    + java.util.Arrays.toString(onehot.shape()));
        float[] d = onehot.values();
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < onehot.size(0); i++) {
            String[] r = new String[categories.size()];
            int offset = 0;
            for (int j = 0; j < r.length; j++) {
                int best = -1;
                for (int k = 0; k < categories.get(j).size(); k++)
                    if (d[i * width + offset + k] > 0
                            && (best < 0 || d[i * width + offset + k] > d[i * width + offset + best])) best = k;
                r[j] = best < 0 ? null : categories.get(j).get(best);
                offset += categories.get(j).size();
            }
            out.add(r);
        }
        return out;
    }

    /**
     * {@return the categories of each column ({@code categories_}), unmodifiable}
     *
     * @throws IllegalStateException if the encoder is not fitted
     */
    public List<List<String>> categories() {
        checkFitted("categories");
        return categories;
    }

    /**
     * Names the output columns as scikit-learn's {@code get_feature_names_out} does.
     *
     * @param inputNames one name per input column
     * @return {@code <input name>_<category>} for every output column, in order
     * @throws IllegalStateException if the encoder is not fitted
     * @throws IllegalArgumentException if the number of names differs from the number of input columns
     */
    public List<String> featureNamesOut(List<String> inputNames) {
        checkFitted("featureNamesOut");
        if (inputNames.size() != categories.size())
            throw new IllegalArgumentException("OneHotEncoder.featureNamesOut: " + inputNames.size() + " names for "
                    + categories.size() + " columns");
        List<String> names = new ArrayList<>();
        for (int j = 0; j < categories.size(); j++)
            for (String c : categories.get(j)) names.add(inputNames.get(j) + "_" + c);
        return names;
    }

    /**
     * {@return the number of output columns, the sum of the columns' category counts}
     *
     * @throws IllegalStateException if the encoder is not fitted
     */
    public int outputWidth() {
        checkFitted("outputWidth");
        return categories.stream().mapToInt(List::size).sum();
    }

    private void checkFitted(String op) {
        if (categories == null)
            throw new IllegalStateException("OneHotEncoder." + op + ": not fitted yet; call fit(rows) first");
    }

    // Numeric columns [n][f], as the estimators take them: each value is a category, sorted numerically
    // (as scikit-learn's categories_ of a float array); -0.0 is the category 0.0.

    /**
     * Learns the distinct values of each numeric column, sorted numerically.
     *
     * @param x the samples [N][F], non-empty, rectangular and finite
     * @return this encoder, fitted
     * @throws IllegalArgumentException if X is empty, ragged or not finite
     */
    public OneHotEncoder fit(float[][] x) {
        return fit(categoryNames(x, "OneHotEncoder.fit"), java.util.Comparator.comparingDouble(Float::parseFloat));
    }

    /**
     * Encodes numeric columns as one-hot indicator columns.
     *
     * @param x the samples [N][F], F as in fit
     * @return the one-hot rows [N][outputWidth()]
     * @throws IllegalStateException if the encoder is not fitted
     * @throws IllegalArgumentException if X is ragged or not finite, or (with {@link HandleUnknown#ERROR}) holds an
     *     unseen value
     */
    public float[][] transform(float[][] x) {
        return Rows.toArray(transform(categoryNames(x, "OneHotEncoder.transform")));
    }

    /**
     * Fits on numeric columns, then encodes them.
     *
     * @param x the samples [N][F], non-empty, rectangular and finite
     * @return the one-hot rows [N][outputWidth()]
     * @throws IllegalArgumentException if X is empty, ragged or not finite
     */
    public float[][] fitTransform(float[][] x) {
        return fit(x).transform(x);
    }

    /**
     * {@return the categories of each column of a numeric fit, as numbers in ascending order}
     *
     * @throws IllegalStateException if the encoder is not fitted
     * @throws NumberFormatException if the encoder was fitted on non-numeric strings
     */
    public List<float[]> numericCategories() {
        checkFitted("numericCategories");
        List<float[]> out = new ArrayList<>();
        for (List<String> c : categories) {
            float[] v = new float[c.size()];
            for (int k = 0; k < v.length; k++) v[k] = Float.parseFloat(c.get(k));
            out.add(v);
        }
        return out;
    }

    private static List<String[]> categoryNames(float[][] x, String who) {
        Rows.fromArray(x, who); // shape and finiteness checks
        List<String[]> rows = new ArrayList<>(x.length);
        for (float[] r : x) {
            String[] s = new String[r.length];
            for (int j = 0; j < r.length; j++) s[j] = Float.toString(r[j] == 0 ? 0f : r[j]);
            rows.add(s);
        }
        return rows;
    }
}
