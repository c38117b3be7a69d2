package dev.myelin.data.split;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Tensor;

/**
 * Features and targets divided into training, validation and test parts, with the indices of each.
 *
 * @param xTrain the training features [N_train, ...]
 * @param xVal the validation features [N_val, ...]
 * @param xTest the test features [N_test, ...]
 * @param yTrain the training targets
 * @param yVal the validation targets
 * @param yTest the test targets
 * @param trainIndices the original row index of each training sample
 * @param valIndices the original row index of each validation sample
 * @param testIndices the original row index of each test sample
 */
public record TrainValTestSplit(
        Tensor xTrain,
        Tensor xVal,
        Tensor xTest,
        Tensor yTrain,
        Tensor yVal,
        Tensor yTest,
        int[] trainIndices,
        int[] valIndices,
        int[] testIndices) {
    /** {@return the training part as a dataset (sharing the tensors)} */
    public TensorDataset train() {
        return new TensorDataset(xTrain, yTrain);
    }

    /** {@return the validation part as a dataset (sharing the tensors)} */
    public TensorDataset val() {
        return new TensorDataset(xVal, yVal);
    }

    /** {@return the test part as a dataset (sharing the tensors)} */
    public TensorDataset test() {
        return new TensorDataset(xTest, yTest);
    }
}
