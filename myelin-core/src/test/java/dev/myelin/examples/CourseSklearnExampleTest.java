package dev.myelin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.Rows;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.split.ArraySplit;
import dev.myelin.data.split.Splits;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.estimator.MLPClassifier;
import dev.myelin.metrics.Labels;
import dev.myelin.tensor.Generator;
import org.junit.jupiter.api.Test;

/** The course's scikit-learn snippet in Java (the README's estimator example). */
class CourseSklearnExampleTest {
    @Test
    void theCourseMlpClassifierSnippetRunsAndLearns() {
        TensorDataset data = SyntheticData.makeClassification(1000, 3, new Generator(42));
        ArraySplit s = Splits.trainTestSplit(Rows.toArray(data.features()), Labels.of(data.targets()), 0.25, 42, true);
        MLPClassifier model = new MLPClassifier()
                .hiddenLayerSizes(32, 16) // architecture (depth + width)
                .activation("relu") // hidden activation
                .solver("adam") // optimizer
                .learningRateInit(0.001) // learning rate
                .alpha(0.0001) // L2 regularization (weight decay)
                .maxIter(200)
                .randomState(0L);
        model.fit(s.xTrain(), s.yTrain());
        assertThat(model.score(s.xTest(), s.yTest())).isGreaterThan(0.6);
        assertThat(model.lossCurve()).isNotEmpty();
    }
}
