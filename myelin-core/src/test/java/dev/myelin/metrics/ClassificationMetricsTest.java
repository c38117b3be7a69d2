package dev.myelin.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Against scikit-learn 1.2.1 (sklearn.metrics, zero_division=0), values pasted from its output. */
class ClassificationMetricsTest {
    // label 4 is predicted once but never true: its precision, recall and F1 are 0 (zero_division=0)
    static final int[] Y_TRUE = {0, 1, 2, 2, 2, 1, 0, 3, 3, 1};
    static final int[] Y_PRED = {0, 2, 2, 2, 1, 1, 0, 3, 0, 4};
    static final double EPS = 1e-12;

    @Test
    void accuracyFromLabelsAndFromLogits() {
        assertThat(ClassificationMetrics.accuracy(Y_TRUE, Y_PRED)).isEqualTo(0.6);
        Tensor logits =
                Tensor.fromRows(new float[][] {{2, 1, 0.1f}, {0.1f, 0.2f, 3}, {0.3f, 0.9f, 0.2f}, {1.5f, 0.1f, 0.2f}});
        Tensor labels = Tensor.fromArray(new float[] {0, 2, 0, 0});
        assertThat(ClassificationMetrics.accuracy(labels, logits))
                .isEqualTo(0.75); // sklearn: accuracy_score(y, logits.argmax(1)) = 0.75
        assertThat(ClassificationMetrics.accuracy(labels, logits.softmax(1))).isEqualTo(0.75);
    }

    @Test
    void confusionMatrixRowsAreTrueColumnsPredicted() {
        // sklearn: confusion_matrix(y_true, y_pred)
        assertThat(ConfusionMatrix.compute(Y_TRUE, Y_PRED)).isDeepEqualTo(new int[][] {
            {2, 0, 0, 0, 0}, {0, 1, 1, 0, 1}, {0, 1, 2, 0, 0}, {1, 0, 0, 1, 0}, {0, 0, 0, 0, 0}
        });
        assertThat(ConfusionMatrix.compute(Y_TRUE, Y_PRED, new int[] {3, 0}))
                .isDeepEqualTo(new int[][] {{1, 1}, {0, 2}});
    }

    @Test
    void perClassScores() {
        // sklearn: precision_recall_fscore_support(average=None, zero_division=0)
        ClassificationMetrics.PerClass pc = ClassificationMetrics.perClass(Y_TRUE, Y_PRED);
        assertThat(pc.labels()).containsExactly(0, 1, 2, 3, 4);
        assertThat(pc.precision()).containsExactly(new double[] {0.66666667, 0.5, 0.66666667, 1, 0}, within(1e-8));
        assertThat(pc.recall()).containsExactly(new double[] {1, 0.33333333, 0.66666667, 0.5, 0}, within(1e-8));
        assertThat(pc.f1()).containsExactly(new double[] {0.8, 0.4, 0.66666667, 0.66666667, 0}, within(1e-8));
        assertThat(pc.support()).containsExactly(2, 3, 3, 2, 0);
    }

    @Test
    void macroWeightedAndMicroAverages() {
        assertThat(ClassificationMetrics.precision(Y_TRUE, Y_PRED, Average.MACRO))
                .isCloseTo(0.5666666666666667, within(EPS));
        assertThat(ClassificationMetrics.recall(Y_TRUE, Y_PRED, Average.MACRO)).isCloseTo(0.5, within(EPS));
        assertThat(ClassificationMetrics.f1(Y_TRUE, Y_PRED, Average.MACRO)).isCloseTo(0.5066666666666666, within(EPS));
        assertThat(ClassificationMetrics.precision(Y_TRUE, Y_PRED, Average.WEIGHTED))
                .isCloseTo(0.6833333333333333, within(EPS));
        assertThat(ClassificationMetrics.recall(Y_TRUE, Y_PRED, Average.WEIGHTED))
                .isCloseTo(0.6, within(EPS));
        assertThat(ClassificationMetrics.f1(Y_TRUE, Y_PRED, Average.WEIGHTED))
                .isCloseTo(0.6133333333333334, within(EPS));
        for (double v : new double[] {
            ClassificationMetrics.precision(Y_TRUE, Y_PRED, Average.MICRO),
            ClassificationMetrics.recall(Y_TRUE, Y_PRED, Average.MICRO),
            ClassificationMetrics.f1(Y_TRUE, Y_PRED, Average.MICRO)
        }) assertThat(v).isCloseTo(0.6, within(EPS));
    }

    @Test
    void tensorInputsGiveTheSameScores() {
        Tensor t = Tensor.fromArray(toFloat(Y_TRUE)), p = Tensor.fromArray(toFloat(Y_PRED));
        assertThat(ClassificationMetrics.f1(t, p, Average.MACRO)).isCloseTo(0.5066666666666666, within(EPS));
        assertThat(ConfusionMatrix.compute(t, p)).isDeepEqualTo(ConfusionMatrix.compute(Y_TRUE, Y_PRED));
    }

    @Test
    void classificationReportMatchesScikitLearnText() {
        // print(classification_report(y_true, y_pred, zero_division=0))
        String expected = """
                              precision    recall  f1-score   support

                           0       0.67      1.00      0.80         2
                           1       0.50      0.33      0.40         3
                           2       0.67      0.67      0.67         3
                           3       1.00      0.50      0.67         2
                           4       0.00      0.00      0.00         0

                    accuracy                           0.60        10
                   macro avg       0.57      0.50      0.51        10
                weighted avg       0.68      0.60      0.61        10
                """;
        assertThat(ClassificationReport.of(Y_TRUE, Y_PRED)).isEqualTo(expected);
        // repr(classification_report(..., digits=4, target_names=['cat','dog','bird','fish','long-name-x']))
        String named =
                "              precision    recall  f1-score   support\n\n         cat     0.6667    1.0000    0.8000         2\n"
                        + "         dog     0.5000    0.3333    0.4000         3\n        bird     0.6667    0.6667    0.6667         3\n"
                        + "        fish     1.0000    0.5000    0.6667         2\n long-name-x     0.0000    0.0000    0.0000         0\n\n"
                        + "    accuracy                         0.6000        10\n   macro avg     0.5667    0.5000    0.5067        10\n"
                        + "weighted avg     0.6833    0.6000    0.6133        10\n";
        assertThat(ClassificationReport.of(
                        Y_TRUE, Y_PRED, new String[] {"cat", "dog", "bird", "fish", "long-name-x"}, 4))
                .isEqualTo(named);
    }

    @Test
    void binaryReport() {
        // repr(classification_report([1,0,1,1,0,0,1], [1,0,0,1,1,0,1], zero_division=0))
        String expected =
                "              precision    recall  f1-score   support\n\n           0       0.67      0.67      0.67         3\n"
                        + "           1       0.75      0.75      0.75         4\n\n    accuracy                           0.71         7\n"
                        + "   macro avg       0.71      0.71      0.71         7\nweighted avg       0.71      0.71      0.71         7\n";
        assertThat(ClassificationReport.of(new int[] {1, 0, 1, 1, 0, 0, 1}, new int[] {1, 0, 0, 1, 1, 0, 1}))
                .isEqualTo(expected);
    }

    @Test
    void reportWithLabelsKeepsAClassMissingFromTheTestSet() {
        // scikit-learn 1.2: classification_report([1,1,0,1], [1,0,0,1], labels=[0,1,2],
        //     target_names=['low','high','none'], digits=4, zero_division=0)
        String expected = "              precision    recall  f1-score   support\n\n"
                + "         low     0.5000    1.0000    0.6667         1\n"
                + "        high     1.0000    0.6667    0.8000         3\n"
                + "        none     0.0000    0.0000    0.0000         0\n\n"
                + "   micro avg     0.7500    0.7500    0.7500         4\n"
                + "   macro avg     0.5000    0.5556    0.4889         4\n"
                + "weighted avg     0.8750    0.7500    0.7667         4\n";
        assertThat(ClassificationReport.of(
                        new int[] {1, 1, 0, 1},
                        new int[] {1, 0, 0, 1},
                        new int[] {0, 1, 2},
                        new String[] {"low", "high", "none"},
                        4))
                .isEqualTo(expected);
    }

    @Test
    void roundingFollowsPythonNotJava() {
        assertThat(ClassificationReport.fixed(0.125, 2)).isEqualTo("0.12"); // Python: '%.2f' % 0.125 == '0.12'
        assertThat(ClassificationReport.fixed(0.375, 2)).isEqualTo("0.38");
        assertThat(ClassificationReport.fixed(2.675, 2)).isEqualTo("2.67"); // 2.675 is 2.67499999... in binary
    }

    @Test
    void badInputsAreRejected() {
        assertThatThrownBy(() -> ClassificationMetrics.accuracy(new int[] {1, 2}, new int[] {1}))
                .hasMessageContaining("yTrue has 2")
                .hasMessageContaining("yPred has 1");
        assertThatThrownBy(() -> ClassificationMetrics.accuracy(new int[0], new int[0]))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Labels.of(Tensor.fromArray(new float[] {0.2f, 0.9f})))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> ClassificationMetrics.f1(Y_TRUE, Y_PRED, null)).hasMessageContaining("average");
        assertThat(Labels.threshold(Tensor.fromArray(new float[] {0.2f, 0.9f, 0.5f}), 0.5))
                .containsExactly(0, 1, 0);
    }

    @Test
    void aColumnOfLabelsIsLabelsNotOneClassOfScores() {
        // [n, 1] targets (a label column) once went through argmax and came back as all zeros
        assertThat(Labels.of(Tensor.fromArray(new float[] {2, 0, 1, 2}, 4, 1))).containsExactly(2, 0, 1, 2);
        assertThatThrownBy(() -> Labels.of(Tensor.fromArray(new float[] {0.2f, 0.9f}, 2, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
        assertThat(Labels.of(Tensor.fromArray(new float[] {0.1f, 0.9f, 0.8f, 0.2f}, 2, 2)))
                .containsExactly(1, 0);
    }

    static float[] toFloat(int[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = a[i];
        return f;
    }
}
