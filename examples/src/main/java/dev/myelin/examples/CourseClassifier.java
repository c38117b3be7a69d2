package dev.myelin.examples;

import dev.myelin.data.Rows;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.split.ArraySplit;
import dev.myelin.data.split.Splits;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.estimator.MLPClassifier;
import dev.myelin.metrics.Labels;
import dev.myelin.tensor.Generator;

/**
 * The course's scikit-learn MLPClassifier in Java: 1000 synthetic samples of 3 classes, a [32, 16] ReLU network
 * trained with Adam. {@code randomState(0L)} fixes the initialization and the mini-batch order, so the printed test
 * accuracy is the same on every run (with the same thread count).
 */
public final class CourseClassifier {
    private CourseClassifier() {
    }

    public static void main(String[] args) {
        TensorDataset data = SyntheticData.makeClassification(1000, 3, new Generator(42));
        ArraySplit s = Splits.trainTestSplit(Rows.toArray(data.features()), Labels.of(data.targets()), 0.25, 42, true);
        MLPClassifier model = new MLPClassifier()
                .hiddenLayerSizes(32, 16)   // architecture (depth + width)
                .activation("relu")         // hidden activation
                .solver("adam")             // optimizer ("lbfgs" and "sgd" too)
                .learningRateInit(0.001)    // learning rate
                .alpha(0.0001)              // L2 regularization (weight decay)
                .maxIter(200)
                .randomState(0L);           // fixed seed: the same score on every run
        model.fit(s.xTrain(), s.yTrain());
        System.out.println(model.score(s.xTest(), s.yTest()) + " after " + model.nIter() + " iterations");
    }
}
