package dev.myelin.data.synthetic;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Tensor;

/** A generated regression problem: the data and the true coefficients ({@code coef} of {@code make_regression}, shape [F]). */
public record RegressionSet(TensorDataset dataset, Tensor coef) {
    public Tensor x() {
        return dataset.features();
    }

    public Tensor y() {
        return dataset.targets();
    }
}
