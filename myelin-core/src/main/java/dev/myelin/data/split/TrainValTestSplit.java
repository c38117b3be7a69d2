package dev.myelin.data.split;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Tensor;

/** Features and targets divided into training, validation and test parts, with the indices of each. */
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
    public TensorDataset train() {
        return new TensorDataset(xTrain, yTrain);
    }

    public TensorDataset val() {
        return new TensorDataset(xVal, yVal);
    }

    public TensorDataset test() {
        return new TensorDataset(xTest, yTest);
    }
}
