package dev.myelin.examples;

import dev.myelin.estimator.MLPClassifier;
import dev.myelin.estimator.datasets.Synthetic;
import dev.myelin.estimator.selection.TrainTestSplit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The course's scikit-learn snippet in Java (the README's estimator example). */
class CourseSklearnExampleTest {
    @Test
    void theCourseMlpClassifierSnippetRunsAndLearns() {
        Synthetic.Classification data = Synthetic.makeClassification(1000, 3, 42);
        TrainTestSplit.Split s = TrainTestSplit.trainTestSplit(data.x(), data.y(), 0.25, true, 42);
        MLPClassifier model = new MLPClassifier()
                .hiddenLayerSizes(32, 16)   // architecture (depth + width)
                .activation("relu")         // hidden activation
                .solver("adam")             // optimizer
                .learningRateInit(0.001)    // learning rate
                .alpha(0.0001)              // L2 regularization (weight decay)
                .maxIter(200)
                .randomState(0L);
        model.fit(s.xTrain(), s.yTrain());
        assertThat(model.score(s.xTest(), s.yTest())).isGreaterThan(0.6);
        assertThat(model.lossCurve()).isNotEmpty();
    }
}
