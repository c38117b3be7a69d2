package dev.myelin.data.split;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Tensor;

/**
 * Features and targets divided into a training and a test part (the four arrays of {@code train_test_split}).
 *
 * @param xTrain the training features [N_train, ...]
 * @param xTest the test features [N_test, ...]
 * @param yTrain the training targets [N_train, ...]
 * @param yTest the test targets [N_test, ...]
 * @param indices the original row index of each training and test sample, in the same order
 */
public record TrainTestSplit(Tensor xTrain, Tensor xTest, Tensor yTrain, Tensor yTest, IndexSplit indices) {
    /** {@return the training part as a dataset (sharing the tensors)} */
    public TensorDataset train() {
        return new TensorDataset(xTrain, yTrain);
    }

    /** {@return the test part as a dataset (sharing the tensors)} */
    public TensorDataset test() {
        return new TensorDataset(xTest, yTest);
    }
}
