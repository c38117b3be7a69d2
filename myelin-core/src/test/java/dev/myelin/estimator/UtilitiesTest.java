package dev.myelin.estimator;

import dev.myelin.estimator.datasets.Synthetic;
import dev.myelin.estimator.metrics.ClassificationReport;
import dev.myelin.estimator.preprocessing.LabelEncoder;
import dev.myelin.estimator.preprocessing.MinMaxScaler;
import dev.myelin.estimator.preprocessing.OneHotEncoder;
import dev.myelin.estimator.preprocessing.StandardScaler;
import dev.myelin.estimator.selection.CrossValidation;
import dev.myelin.estimator.selection.TrainTestSplit;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class UtilitiesTest {
    static final float[][] X = {{1, 10}, {2, 10}, {3, 10}, {6, 10}};

    @Test
    void standardScalerUsesPopulationStdAndKeepsConstantColumns() {
        StandardScaler s = new StandardScaler().fit(X);
        assertThat(s.mean()).containsExactly(3.0, 10.0);
        assertThat(s.scale()[0]).isCloseTo(Math.sqrt(3.5), within(1e-12)); // var = (4+1+0+9)/4
        assertThat(s.scale()[1]).isEqualTo(1.0);
        float[][] t = s.transform(X);
        assertThat(t[0][0]).isCloseTo((float) (-2 / Math.sqrt(3.5)), within(1e-6f));
        assertThat(t[0][1]).isEqualTo(0f);
        assertThat(s.inverseTransform(t)[3]).containsExactly(new float[]{6, 10}, within(1e-5f));
        assertThatThrownBy(() -> s.transform(new float[][]{{1}})).hasMessageContaining("X has 1 features");
    }

    @Test
    void minMaxScaler() {
        float[][] t = new MinMaxScaler().fitTransform(X);
        assertThat(t[0]).containsExactly(0f, 0f);
        assertThat(t[3][0]).isEqualTo(1f);
        assertThat(t[1][0]).isCloseTo(0.2f, within(1e-6f));
        assertThat(new MinMaxScaler(-1, 1).fitTransform(X)[0][0]).isEqualTo(-1f);
    }

    @Test
    void encoders() {
        LabelEncoder le = new LabelEncoder();
        assertThat(le.fitTransform(new Object[]{"b", "a", "c", "a"})).containsExactly(1, 0, 2, 0);
        assertThat(le.inverseTransform(new int[]{2, 0})).containsExactly("c", "a");
        assertThatThrownBy(() -> le.transform(new Object[]{"z"})).hasMessageContaining("unseen label 'z'");
        OneHotEncoder oh = new OneHotEncoder();
        float[][] t = oh.fitTransform(new float[][]{{2, 0}, {1, 1}, {2, 1}});
        assertThat(t[0]).containsExactly(0, 1, 1, 0);
        assertThat(t[1]).containsExactly(1, 0, 0, 1);
        assertThatThrownBy(() -> oh.transform(new float[][]{{3, 0}})).hasMessageContaining("unknown category 3.0");
        assertThat(new OneHotEncoder(true).fit(new float[][]{{1}}).transform(new float[][]{{5}})[0]).containsExactly(0f);
    }

    @Test
    void stratifiedSplitKeepsProportions() {
        int[] y = new int[100];
        for (int i = 80; i < 100; i++) y[i] = 1;
        float[][] x = new float[100][1];
        for (int i = 0; i < 100; i++) x[i][0] = i;
        TrainTestSplit.Split s = TrainTestSplit.trainTestSplit(x, y, 0.25, true, 3);
        assertThat(s.yTest()).hasSize(25);
        assertThat(s.yTrain()).hasSize(75);
        assertThat(Arrays.stream(s.yTest()).sum()).isEqualTo(5);
        assertThat(Arrays.stream(s.yTrain()).sum()).isEqualTo(15);
        for (int i = 0; i < s.yTest().length; i++) {
            assertThat(s.yTest()[i]).isEqualTo(s.xTest()[i][0] >= 80 ? 1 : 0); // rows stay with their labels
        }
        TrainTestSplit.Split u = TrainTestSplit.trainTestSplit(x, y, 0.3, false, 3);
        assertThat(u.yTest()).hasSize(30);
        assertThat(TrainTestSplit.trainTestSplit(x, y, 0.3, false, 3).xTest()[0]).containsExactly(u.xTest()[0]);
    }

    @Test
    void crossValScoreOnSeparableBlobs() {
        Synthetic.Classification d = Synthetic.makeClassification(200, 6, 3, 0, 2, 1, 3.0, 0.0, 4);
        double[] scores = CrossValidation.crossValScore(() -> new Perceptron().randomState(0), d.x(), d.y(), 5);
        assertThat(scores).hasSize(5);
        assertThat(Arrays.stream(scores).average().orElseThrow()).isGreaterThan(0.9);
        Synthetic.Regression r = Synthetic.makeRegression(100, 3, 3, 0, 0.1, 1);
        float[] y = r.y().clone();
        for (int i = 0; i < y.length; i++) y[i] /= 100;
        double[] rs = CrossValidation.crossValScore(
                () -> new MLPRegressor().hiddenLayerSizes(8).solver("lbfgs").activation("identity").randomState(0),
                r.x(), y, 3);
        assertThat(Arrays.stream(rs).min().orElseThrow()).isGreaterThan(0.99);
    }

    @Test
    void makeClassificationAndRegressionShapes() {
        Synthetic.Classification d = Synthetic.makeClassification(101, 4, 1);
        assertThat(d.x()).hasNumberOfRows(101);
        assertThat(d.x()[0]).hasSize(20);
        assertThat(Arrays.stream(d.y()).distinct().count()).isEqualTo(4);
        assertThat(Synthetic.makeClassification(101, 4, 1).x()[7]).containsExactly(d.x()[7]); // seeded
        Synthetic.Regression r = Synthetic.makeRegression(50, 6, 2, 1.5, 0.0, 2);
        assertThat(Arrays.stream(toDouble(r.coef())).filter(c -> c != 0).count()).isEqualTo(2);
        double pred = 1.5;
        for (int j = 0; j < 6; j++) pred += r.x()[3][j] * r.coef()[j];
        assertThat((double) r.y()[3]).isCloseTo(pred, within(1e-3));
    }

    @Test
    void classificationReportLikeScikitLearn() {
        String rep = ClassificationReport.of(new int[]{0, 0, 1, 1, 2}, new int[]{0, 1, 1, 1, 2});
        assertThat(rep).contains("precision", "recall", "f1-score", "support", "accuracy", "macro avg", "weighted avg");
        // class 1: precision 2/3, recall 1, f1 0.8; accuracy 0.8
        assertThat(rep.lines().filter(l -> l.trim().startsWith("1 ")).findFirst().orElseThrow())
                .contains("0.67", "1.00", "0.80", "2");
        assertThat(rep.lines().filter(l -> l.trim().startsWith("accuracy")).findFirst().orElseThrow()).contains("0.80");
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
