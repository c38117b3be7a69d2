package dev.myelin.data.preprocessing;

import dev.myelin.data.Rows;
import dev.myelin.tensor.Tensor;

/**
 * A per-column scaler fitted on X [N, F] ({@link StandardScaler}, {@link MinMaxScaler}); the same fit and
 * transforms on arrays [n][f], as the estimators take them, through a tensor view of the rows.
 *
 * @param <S> the scaler's type, so that fit chains
 */
public interface ColumnScaler<S extends ColumnScaler<S>> {
    /**
     * Learns the per-column statistics of X (scikit-learn's {@code fit}), replacing any earlier fit.
     *
     * @param x the samples, a compact 2-D tensor [N, F] with N &gt;= 1
     * @return this scaler, fitted
     * @throws IllegalArgumentException if X is not 2-D or has no samples
     */
    S fit(Tensor x);

    /**
     * Scales X with the fitted statistics.
     *
     * @param x samples [n, F], with as many columns as the fit
     * @return a new tensor [n, F] of scaled values
     * @throws IllegalStateException if the scaler is not fitted
     * @throws IllegalArgumentException if X is not 2-D or has a different number of columns
     */
    Tensor transform(Tensor x);

    /**
     * Undoes {@link #transform(Tensor)}: maps scaled values back to the original units.
     *
     * @param z scaled samples [n, F], with as many columns as the fit
     * @return a new tensor [n, F] in the original units
     * @throws IllegalStateException if the scaler is not fitted
     * @throws IllegalArgumentException if Z is not 2-D or has a different number of columns
     */
    Tensor inverseTransform(Tensor z);

    /**
     * {@link #fit(Tensor)} on rows of an array.
     *
     * @param x the samples [N][F], non-empty, rectangular and finite
     * @return this scaler, fitted
     * @throws IllegalArgumentException if X is empty, ragged or not finite
     */
    default S fit(float[][] x) {
        return fit(Rows.fromArray(x, getClass().getSimpleName() + ".fit"));
    }

    /**
     * {@link #transform(Tensor)} on rows of an array.
     *
     * @param x samples [n][F], rectangular and finite
     * @return new scaled rows [n][F]
     * @throws IllegalStateException if the scaler is not fitted
     * @throws IllegalArgumentException if X is empty, ragged, not finite or has a different number of columns
     */
    default float[][] transform(float[][] x) {
        return Rows.toArray(transform(Rows.fromArray(x, getClass().getSimpleName() + ".transform")));
    }

    /**
     * Fits on X, then scales it (scikit-learn's {@code fit_transform}).
     *
     * @param x the samples [N][F], non-empty, rectangular and finite
     * @return new scaled rows [N][F]
     * @throws IllegalArgumentException if X is empty, ragged or not finite
     */
    default float[][] fitTransform(float[][] x) {
        return fit(x).transform(x);
    }

    /**
     * {@link #inverseTransform(Tensor)} on rows of an array.
     *
     * @param z scaled samples [n][F], rectangular and finite
     * @return new rows [n][F] in the original units
     * @throws IllegalStateException if the scaler is not fitted
     * @throws IllegalArgumentException if Z is empty, ragged, not finite or has a different number of columns
     */
    default float[][] inverseTransform(float[][] z) {
        return Rows.toArray(inverseTransform(Rows.fromArray(z, getClass().getSimpleName() + ".inverseTransform")));
    }
}
