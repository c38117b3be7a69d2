package dev.myelin.data.split;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Tensor;

/** Features and targets divided into a training and a test part (the four arrays of {@code train_test_split}). */
public record TrainTestSplit(Tensor xTrain, Tensor xTest, Tensor yTrain, Tensor yTest, IndexSplit indices) {
    public TensorDataset train() {
        return new TensorDataset(xTrain, yTrain);
    }

    public TensorDataset test() {
        return new TensorDataset(xTest, yTest);
    }
}
