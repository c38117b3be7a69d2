package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hyperparameter tables: one declaration drives setters, getParams/setParams, messages and estimator files. */
class HyperparameterTableTest {
    @Test
    void getParamsSetParamsRoundTripEveryDeclaration() {
        MLPClassifier a = new MLPClassifier()
                .hiddenLayerSizes(7, 3)
                .activation("tanh")
                .solver("sgd")
                .alpha(0.5)
                .batchSize(16)
                .learningRate("adaptive")
                .learningRateInit(0.05)
                .powerT(0.25)
                .maxIter(9)
                .shuffle(false)
                .randomState(4)
                .tol(1e-3)
                .verbose(false)
                .warmStart(true)
                .momentum(0.5)
                .nesterovsMomentum(false)
                .earlyStopping(true)
                .validationFraction(0.2)
                .beta1(0.8)
                .beta2(0.99)
                .epsilon(1e-7)
                .nIterNoChange(4)
                .maxFun(99);
        Map<String, Object> p = a.getParams();
        assertThat(p).hasSize(23);
        Map<String, Object> b = new MLPClassifier().setParams(p).getParams();
        assertThat(b.keySet()).containsExactlyElementsOf(p.keySet());
        for (String k : p.keySet())
            assertThat(b.get(k)).as(k).usingRecursiveComparison().isEqualTo(p.get(k));
        assertThat(b.get("activation")).isEqualTo("tanh");
        assertThat(new MLPRegressor().getParams().get("batchSize")).isEqualTo("auto");
        Perceptron q = new Perceptron()
                .penalty("elasticnet")
                .l1Ratio(0.3)
                .tol(null)
                .eta0(0.1)
                .randomState(2L);
        assertThat(new Perceptron().setParams(q.getParams()).getParams()).isEqualTo(q.getParams());
    }

    @Test
    void setParamsIsAllOrNothingAndNamesTheParameter() {
        MLPClassifier c = new MLPClassifier();
        Map<String, Object> bad = new HashMap<>();
        bad.put("alpha", 0.5);
        bad.put("maxIter", 2.5);
        assertThatThrownBy(() -> c.setParams(bad))
                .hasMessageContaining("MLPClassifier: parameter 'maxIter' must be a whole number, got 2.5");
        assertThat(c.getParams().get("alpha")).isEqualTo(1e-4);
        assertThatThrownBy(() -> c.setParams(Map.of("beta2", 1)))
                .hasMessageContaining("beta2 must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> c.setParams(Map.of("hiddenLayerSizes", List.of(3, 0))))
                .hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> new Perceptron().setParams(Map.of("eta0", "fast")))
                .hasMessageContaining("'eta0' must be a number");
        assertThatThrownBy(() -> new Perceptron().setParams(Map.of("speed", 1)))
                .hasMessageContaining("Unknown parameter 'speed' for Perceptron");
    }

    @Test
    void estimatorFilesWrittenBeforeTheTableStillLoad() throws Exception {
        // Written by the estimators as they were before the table (WriteOld.java.txt beside them), with their
        // predictions.
        Path dir = Path.of(getClass()
                        .getResource("/estimator-files-before-table/expected.txt")
                        .toURI())
                .getParent();
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt"));
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0.5f, 0.2f}, {0.9f, 0.8f}};
        MLPClassifier c = EstimatorFile.loadClassifier(dir.resolve("mlp-classifier.safetensors"));
        Perceptron p = EstimatorFile.loadPerceptron(dir.resolve("perceptron.safetensors"));
        assertThat(c.getParams())
                .containsEntry("activation", "logistic")
                .containsEntry("solver", "lbfgs")
                .containsEntry("batchSize", 4);
        assertThat(p.getParams())
                .containsEntry("penalty", "l2")
                .containsEntry("eta0", 0.5)
                .containsEntry("tol", null);
        for (int i = 0; i < x.length; i++) {
            String[] e = expected.get(i).split(" ");
            assertThat((double) c.predictProba(new float[][] {x[i]})[0][1])
                    .isCloseTo(Double.parseDouble(e[0]), within(1e-6));
            assertThat(p.predict(new float[][] {x[i]})[0]).isEqualTo(Integer.parseInt(e[1]));
        }
    }
}
