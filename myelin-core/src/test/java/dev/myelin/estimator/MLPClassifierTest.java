package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.data.Rows;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.preprocessing.StandardScaler;
import dev.myelin.data.split.ArraySplit;
import dev.myelin.data.split.Splits;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.metrics.Labels;
import dev.myelin.tensor.Generator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MLPClassifierTest {
    static final TensorDataset DATA = SyntheticData.makeClassification(300, 3, new Generator(7));
    static final float[][] X = new StandardScaler().fitTransform(Rows.toArray(DATA.features()));
    static final int[] Y = Labels.of(DATA.targets());

    static MLPClassifier small() {
        return new MLPClassifier().hiddenLayerSizes(16, 8).randomState(0).maxIter(50);
    }

    @Test
    void fittedAttributesHaveScikitLearnShapes() {
        MLPClassifier c = small().fit(X, Y);
        assertThat(c.nLayers()).isEqualTo(4);
        assertThat(c.nOutputs()).isEqualTo(3);
        assertThat(c.outActivation()).isEqualTo("softmax");
        assertThat(c.classes()).containsExactly(0, 1, 2);
        float[][][] coefs = c.coefs();
        assertThat(coefs).hasNumberOfRows(3);
        assertThat(coefs[0]).hasNumberOfRows(20);
        assertThat(coefs[0][0]).hasSize(16);
        assertThat(coefs[1]).hasNumberOfRows(16);
        assertThat(coefs[2][0]).hasSize(3);
        assertThat(Arrays.stream(c.intercepts()).mapToInt(a -> a.length).toArray())
                .containsExactly(16, 8, 3);
        assertThat(c.lossCurve()).hasSize(c.nIter());
        assertThat(c.loss()).isEqualTo(c.lossCurve()[c.nIter() - 1]);
        assertThat(c.bestLoss()).isEqualTo(Arrays.stream(c.lossCurve()).min().orElseThrow());
        assertThat(c.tUpdates()).isEqualTo((long) c.nIter() * X.length);
        assertThat(c.validationScores()).isNull();
        assertThat(c.nFeaturesIn()).isEqualTo(20);
    }

    @Test
    void learnsAndPredictsProbabilities() {
        // 3 classes, 3 informative features, 1% flipped: on 75 test rows one split's accuracy ranges over about
        // 0.55-0.72 with the split's seed, so the learning is judged on the mean of five splits (chance is 1/3).
        double mean = 0;
        for (long seed = 0; seed < 5; seed++) {
            ArraySplit split = Splits.trainTestSplit(X, Y, 0.25, seed, true);
            mean += small().maxIter(300).fit(split.xTrain(), split.yTrain()).score(split.xTest(), split.yTest()) / 5;
        }
        assertThat(mean).isGreaterThan(0.6);
        ArraySplit s = Splits.trainTestSplit(X, Y, 0.25, 1, true);
        MLPClassifier c = small().maxIter(300).fit(s.xTrain(), s.yTrain());
        float[][] p = c.predictProba(s.xTest());
        for (float[] row : p) {
            float sum = 0;
            for (float v : row) sum += v;
            assertThat(sum).isCloseTo(1f, within(1e-5f));
        }
        float[][] lp = c.predictLogProba(s.xTest());
        assertThat(lp[0][1]).isCloseTo((float) Math.log(p[0][1]), within(1e-5f));
        int[] pred = c.predict(s.xTest());
        for (int i = 0; i < pred.length; i++) {
            int arg = 0;
            for (int j = 1; j < 3; j++) if (p[i][j] > p[i][arg]) arg = j;
            assertThat(pred[i]).isEqualTo(arg);
        }
    }

    @Test
    void defaultsAreScikitLearns() {
        var p = new MLPClassifier().getParams();
        assertThat((int[]) p.get("hiddenLayerSizes")).containsExactly(100);
        assertThat(p)
                .containsEntry("activation", "relu")
                .containsEntry("solver", "adam")
                .containsEntry("alpha", 1e-4)
                .containsEntry("batchSize", "auto")
                .containsEntry("learningRate", "constant")
                .containsEntry("learningRateInit", 1e-3)
                .containsEntry("powerT", 0.5)
                .containsEntry("maxIter", 200)
                .containsEntry("shuffle", true)
                .containsEntry("tol", 1e-4)
                .containsEntry("momentum", 0.9)
                .containsEntry("nesterovsMomentum", true)
                .containsEntry("earlyStopping", false)
                .containsEntry("validationFraction", 0.1)
                .containsEntry("beta1", 0.9)
                .containsEntry("beta2", 0.999)
                .containsEntry("epsilon", 1e-8)
                .containsEntry("nIterNoChange", 10)
                .containsEntry("maxFun", 15000);
    }

    @Test
    void stringLabelsAreSortedAndBinaryUsesOneLogisticOutput() {
        String[] names = {"cat", "ant", "bee"};
        Object[] y = new Object[Y.length];
        for (int i = 0; i < y.length; i++) y[i] = names[Y[i]];
        MLPClassifier c = small().fit(X, y);
        assertThat(c.classes()).containsExactly("ant", "bee", "cat");
        assertThat(c.predictLabels(X)[0]).isIn("ant", "bee", "cat");
        assertThatThrownBy(() -> c.predict(X))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("predictLabels");

        int[] yb = Arrays.stream(Y).map(v -> v == 2 ? 1 : 0).toArray();
        MLPClassifier b = small().fit(X, yb);
        assertThat(b.outActivation()).isEqualTo("logistic");
        assertThat(b.nOutputs()).isEqualTo(1);
        float[][] p = b.predictProba(X);
        assertThat(p[0]).hasSize(2);
        assertThat(p[0][0] + p[0][1]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void multilabelIndicatorTargets() {
        int[][] ind = new int[X.length][2];
        for (int i = 0; i < X.length; i++) {
            ind[i][0] = X[i][0] > 0 ? 1 : 0;
            ind[i][1] = X[i][1] > 0 ? 1 : 0;
        }
        MLPClassifier c = small().maxIter(200).fit(X, ind);
        assertThat(c.isMultilabel()).isTrue();
        assertThat(c.outActivation()).isEqualTo("logistic");
        assertThat(c.nOutputs()).isEqualTo(2);
        int[][] pred = c.predictMultilabel(X);
        int hit = 0;
        for (int i = 0; i < X.length; i++) if (Arrays.equals(pred[i], ind[i])) hit++;
        assertThat(hit / (double) X.length).isGreaterThan(0.9);
    }

    @Test
    void lbfgsBeatsAdamOnASmallDataSet() {
        // As in scikit-learn: on a few hundred samples, L-BFGS reaches a far lower training loss in 200 iterations.
        MLPClassifier adam = small().maxIter(200).fit(X, Y);
        MLPClassifier lbfgs = small().maxIter(200).solver("lbfgs").fit(X, Y);
        assertThat(lbfgs.loss()).isLessThan(adam.loss() / 2);
        assertThat(lbfgs.score(X, Y)).isGreaterThan(adam.score(X, Y));
        assertThat(lbfgs.lossCurve()).hasSize(lbfgs.nIter());
    }

    @Test
    void lbfgsStopsAtMaxIterWithAWarningAndRespectsMaxFun() {
        MLPClassifier c = small().solver("lbfgs").maxIter(5).fit(X, Y);
        assertThat(c.nIter()).isEqualTo(5);
        assertThat(c.convergenceWarning())
                .hasValueSatisfying(
                        w -> assertThat(w).contains("lbfgs failed to converge").contains("ITERATIONS REACHED LIMIT"));
        MLPClassifier f = small().solver("lbfgs").maxIter(200).maxFun(10).fit(X, Y);
        assertThat(f.nIter()).isLessThanOrEqualTo(10); // each iteration takes at least one evaluation
        assertThat(f.convergenceWarning()).hasValueSatisfying(w -> assertThat(w).contains("EVALUATIONS EXCEEDS LIMIT"));
    }

    @Test
    void maxIterWarningHasScikitLearnsWording() {
        MLPClassifier c = small().maxIter(3).fit(X, Y);
        assertThat(c.convergenceWarning())
                .contains(
                        "Stochastic Optimizer: Maximum iterations (3) reached and the optimization hasn't converged yet.");
    }

    @Test
    void warmStartContinuesTraining() {
        MLPClassifier c = small().maxIter(10).warmStart(true).fit(X, Y);
        float[][] before = c.coefs()[0];
        double loss = c.loss();
        c.fit(X, Y);
        assertThat(c.nIter()).isEqualTo(20);
        assertThat(c.lossCurve()).hasSize(20);
        assertThat(c.loss()).isLessThan(loss);
        assertThat(c.coefs()[0][0][0]).isNotEqualTo(before[0][0]);
        MLPClassifier cold = small().maxIter(10).fit(X, Y);
        cold.fit(X, Y); // without warm start a second fit starts over
        assertThat(cold.nIter()).isEqualTo(10);
    }

    @Test
    void partialFitNeedsClassesFirstAndRunsOneEpochPerCall() {
        MLPClassifier c = small();
        assertThatThrownBy(() -> c.partialFit(X, Y))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classes must be passed on the first call");
        c.partialFit(X, Y, new int[] {0, 1, 2});
        assertThat(c.nIter()).isEqualTo(1);
        double first = c.loss();
        for (int i = 0; i < 5; i++) c.partialFit(X, Y);
        assertThat(c.nIter()).isEqualTo(6);
        assertThat(c.tUpdates()).isEqualTo(6L * X.length);
        assertThat(c.loss()).isLessThan(first);
        assertThatThrownBy(() -> c.partialFit(X, new int[X.length]).partialFit(X, fill(X.length, 7)))
                .hasMessageContaining("not in classes");
        assertThatThrownBy(() -> small().solver("lbfgs").partialFit(X, Y, new int[] {0, 1, 2}))
                .hasMessageContaining("only available for stochastic optimizers");
    }

    private static int[] fill(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void earlyStoppingStopsAndKeepsBestValidationScore() {
        MLPClassifier c =
                small().maxIter(500).earlyStopping(true).nIterNoChange(5).fit(X, Y);
        double[] scores = c.validationScores();
        assertThat(scores).hasSize(c.nIter());
        assertThat(c.nIter()).isLessThan(500);
        assertThat(c.bestValidationScore())
                .isEqualTo(Arrays.stream(scores).max().orElseThrow());
        assertThat(Double.isNaN(c.bestLoss())).isTrue();
        // Stopped nIterNoChange + 1 epochs after the last improvement by more than tol.
        int lastImprovement = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= best + 1e-4) lastImprovement = i;
            best = Math.max(best, scores[i]);
        }
        assertThat(scores.length - 1 - lastImprovement).isEqualTo(6);
    }

    @Test
    void trainingLossPlateauStopsBeforeMaxIter() {
        MLPClassifier c = small().maxIter(1000).tol(1e-2).nIterNoChange(3).fit(X, Y);
        assertThat(c.nIter()).isLessThan(1000);
        assertThat(c.convergenceWarning()).isEmpty();
    }

    @Test
    void alphaShrinksWeights() {
        double weak = norm(small().solver("lbfgs").alpha(1e-5).fit(X, Y).coefs());
        double strong = norm(small().solver("lbfgs").alpha(10).fit(X, Y).coefs());
        assertThat(strong).isLessThan(weak * 0.7);
    }

    @Test
    void everySolverAndScheduleLearns() {
        for (String act : new String[] {"identity", "logistic", "tanh", "relu"}) {
            assertThat(small().activation(act).maxIter(200).fit(X, Y).score(X, Y))
                    .as(act)
                    .isGreaterThan(0.6);
        }
        for (String lr : new String[] {"constant", "adaptive"}) { // invscaling: see the next test
            MLPClassifier c = small().solver("sgd")
                    .learningRate(lr)
                    .learningRateInit(0.1)
                    .maxIter(100)
                    .fit(X, Y);
            assertThat(c.score(X, Y)).as(lr).isGreaterThan(0.6);
        }
        double plain = small().solver("sgd")
                .momentum(0)
                .learningRateInit(0.01)
                .maxIter(20)
                .fit(X, Y)
                .loss();
        double mom = small().solver("sgd")
                .momentum(0.9)
                .learningRateInit(0.01)
                .maxIter(20)
                .fit(X, Y)
                .loss();
        assertThat(mom).isLessThan(plain); // momentum speeds up plain SGD
        double nesterov = small().solver("sgd")
                .learningRateInit(0.01)
                .maxIter(20)
                .fit(X, Y)
                .loss();
        double classic = small().solver("sgd")
                .nesterovsMomentum(false)
                .learningRateInit(0.01)
                .maxIter(20)
                .fit(X, Y)
                .loss();
        assertThat(nesterov).isNotEqualTo(classic);
    }

    @Test
    void invscalingDecaysTheLearningRateAndBatchSizeMatters() {
        double constant = small().solver("sgd")
                .learningRateInit(0.05)
                .maxIter(20)
                .fit(X, Y)
                .loss();
        double inv = small().solver("sgd")
                .learningRate("invscaling")
                .learningRateInit(0.05)
                .maxIter(20)
                .fit(X, Y)
                .loss();
        assertThat(inv).isGreaterThan(constant); // lr/(t+1)^0.5 is tiny after the first epoch
        double b10 = small().batchSize(10).maxIter(5).fit(X, Y).loss();
        double b300 = small().batchSize(300).maxIter(5).fit(X, Y).loss();
        assertThat(b10).isLessThan(b300); // 30 updates per epoch instead of 1
        double adamFast = small().learningRateInit(0.01).maxIter(5).fit(X, Y).loss();
        double adamSlow = small().learningRateInit(0.0001).maxIter(5).fit(X, Y).loss();
        assertThat(adamFast).isLessThan(adamSlow);
        double b1 = small().beta1(0.0).maxIter(5).fit(X, Y).loss();
        double b2 = small().beta2(0.5).maxIter(5).fit(X, Y).loss();
        double eps = small().epsilon(1.0).maxIter(5).fit(X, Y).loss();
        double base = small().maxIter(5).fit(X, Y).loss();
        assertThat(new double[] {b1, b2, eps}).doesNotContain(base);
        assertThat(eps).isGreaterThan(base); // a huge epsilon damps every step
    }

    @Test
    void sameSeedSameModelAndShuffleMatters() {
        assertThat(small().fit(X, Y).coefs()[0][3])
                .containsExactly(small().fit(X, Y).coefs()[0][3]);
        assertThat(small().randomState(1).fit(X, Y).loss())
                .isNotEqualTo(small().fit(X, Y).loss());
        assertThat(small().shuffle(false).fit(X, Y).loss())
                .isNotEqualTo(small().fit(X, Y).loss());
    }

    @Test
    void glorotInitializationBounds() {
        MLPClassifier relu = small().maxIter(1).learningRateInit(1e-12).fit(X, Y);
        double bound = Math.sqrt(6.0 / (20 + 16));
        assertThat(maxAbs(relu.coefs()[0])).isLessThanOrEqualTo(bound).isGreaterThan(bound * 0.9);
        MLPClassifier logistic = small().activation("logistic")
                .maxIter(1)
                .learningRateInit(1e-12)
                .fit(X, Y);
        double lb = Math.sqrt(2.0 / (20 + 16));
        assertThat(maxAbs(logistic.coefs()[0])).isLessThanOrEqualTo(lb).isGreaterThan(lb * 0.9);
    }

    @Test
    void restoreRebuildsTheFittedClassifier() {
        MLPClassifier c = small().fit(X, Y);
        MLPClassifier r = MLPClassifier.restore(c.getParams(), c.coefs(), c.intercepts(), c.classes(), false);
        assertThat(r.predictProba(X)[5]).containsExactly(c.predictProba(X)[5]);
        assertThat(r.predict(X)).containsExactly(c.predict(X));
        assertThat(r.getParams()).usingRecursiveComparison().isEqualTo(c.getParams());
    }

    @Test
    void tensorAndDoubleOverloads() {
        float[] flat = new float[X.length * 20];
        for (int i = 0; i < X.length; i++) System.arraycopy(X[i], 0, flat, i * 20, 20);
        MLPClassifier a = small().fit(dev.myelin.tensor.Tensor.fromArray(flat, X.length, 20), Y);
        MLPClassifier b = small().fit(X, Y);
        assertThat(a.predict(dev.myelin.tensor.Tensor.fromArray(flat, X.length, 20)))
                .containsExactly(b.predict(X));
        double[][] xd = new double[X.length][20];
        for (int i = 0; i < X.length; i++) for (int j = 0; j < 20; j++) xd[i][j] = X[i][j];
        assertThat(small().fit(xd, Y).predict(xd)).containsExactly(b.predict(X));
    }

    static double norm(float[][][] w) {
        double s = 0;
        for (float[][] m : w) for (float[] r : m) for (float v : r) s += v * v;
        return Math.sqrt(s);
    }

    static double maxAbs(float[][] w) {
        double m = 0;
        for (float[] r : w) for (float v : r) m = Math.max(m, Math.abs(v));
        return m;
    }
}
