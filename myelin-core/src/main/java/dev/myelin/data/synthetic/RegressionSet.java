package dev.myelin.data.synthetic;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Tensor;

/**
 * A generated regression problem ({@link SyntheticData#makeRegression}): the data and the true coefficients.
 *
 * @param dataset features X [N, F] and targets y [N, 1]
 * @param coef the true coefficients, shape [F] ({@code coef} of scikit-learn's {@code make_regression(coef=True)})
 */
public record RegressionSet(TensorDataset dataset, Tensor coef) {
    /** {@return the features X, shape [N, F]} */
    public Tensor x() {
        return dataset.features();
    }

    /** {@return the targets y, shape [N, 1]} */
    public Tensor y() {
        return dataset.targets();
    }
}
