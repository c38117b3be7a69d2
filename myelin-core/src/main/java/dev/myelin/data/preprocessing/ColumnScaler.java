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
    S fit(Tensor x);

    Tensor transform(Tensor x);

    Tensor inverseTransform(Tensor z);

    default S fit(float[][] x) {
        return fit(Rows.fromArray(x, getClass().getSimpleName() + ".fit"));
    }

    default float[][] transform(float[][] x) {
        return Rows.toArray(transform(Rows.fromArray(x, getClass().getSimpleName() + ".transform")));
    }

    default float[][] fitTransform(float[][] x) {
        return fit(x).transform(x);
    }

    default float[][] inverseTransform(float[][] z) {
        return Rows.toArray(inverseTransform(Rows.fromArray(z, getClass().getSimpleName() + ".inverseTransform")));
    }
}
