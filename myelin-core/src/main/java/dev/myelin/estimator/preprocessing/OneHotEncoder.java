package dev.myelin.estimator.preprocessing;

import dev.myelin.estimator.Inputs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * One-hot encodes each column of a float matrix whose values are categories, as scikit-learn's
 * {@code OneHotEncoder(sparse_output=False)}: per column, one output column per sorted distinct value; unknown
 * values at transform time are an error unless {@code handleUnknownIgnore} (then they encode as all zeros).
 */
public final class OneHotEncoder {
    private final boolean handleUnknownIgnore;
    private float[][] categories;

    /** Unknown categories at transform time are an error. */
    public OneHotEncoder() {
        this(false);
    }

    /** With {@code handleUnknownIgnore}, unknown categories encode as all zeros. */
    public OneHotEncoder(boolean handleUnknownIgnore) {
        this.handleUnknownIgnore = handleUnknownIgnore;
    }

    /** Learns the categories of each column. */
    public OneHotEncoder fit(float[][] x) {
        Inputs.flatten(x, "OneHotEncoder");
        int f = x[0].length;
        categories = new float[f][];
        for (int j = 0; j < f; j++) {
            TreeSet<Float> set = new TreeSet<>();
            for (float[] row : x) {
                set.add(row[j]);
            }
            categories[j] = new float[set.size()];
            int k = 0;
            for (float v : set) {
                categories[j][k++] = v;
            }
        }
        return this;
    }

    /** The encoded matrix [n][Σ categories]. */
    public float[][] transform(float[][] x) {
        if (categories == null) {
            throw new IllegalStateException("This OneHotEncoder instance is not fitted yet. Call fit(X) first.");
        }
        Inputs.flatten(x, "OneHotEncoder");
        if (x[0].length != categories.length) {
            throw new IllegalArgumentException("X has " + x[0].length + " features, but OneHotEncoder was fitted with "
                    + categories.length + " features");
        }
        int width = 0;
        for (float[] c : categories) {
            width += c.length;
        }
        float[][] out = new float[x.length][width];
        for (int i = 0; i < x.length; i++) {
            int off = 0;
            for (int j = 0; j < categories.length; j++) {
                int k = Arrays.binarySearch(categories[j], x[i][j]);
                if (k >= 0) {
                    out[i][off + k] = 1f;
                } else if (!handleUnknownIgnore) {
                    throw new IllegalArgumentException("OneHotEncoder: found unknown category " + x[i][j] + " in column "
                            + j + " during transform; known: " + Arrays.toString(categories[j])
                            + " (use new OneHotEncoder(true) to encode unknown values as zeros)");
                }
                off += categories[j].length;
            }
        }
        return out;
    }

    /** fit then transform. */
    public float[][] fitTransform(float[][] x) {
        return fit(x).transform(x);
    }

    /** Categories per input column (copies). */
    public List<float[]> categories() {
        List<float[]> out = new ArrayList<>();
        for (float[] c : categories) {
            out.add(c.clone());
        }
        return out;
    }
}
