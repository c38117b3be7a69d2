package dev.myelin.estimator;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.myelin.testing.Fuzzing;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fuzzes EstimatorFile's three loaders with arbitrary bytes; a loaded estimator must also predict a row of
 * zeros. Every input is loaded or refused with an IOException on one line naming the file; anything else (a
 * ClassCastException from a hyperparameter of the wrong type, say) is a finding. The corpus in
 * EstimatorFileFuzzTestInputs replays as a test.
 */
class EstimatorFileFuzzTest {
    @FuzzTest
    void load(byte[] bytes) {
        Path file = Fuzzing.file("estimator.safetensors", bytes);
        try {
            MLPClassifier c = EstimatorFile.loadClassifier(file);
            c.predictLabels(new float[1][c.nFeaturesIn()]); // labels of any type (predict() needs integer labels)
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
        try {
            MLPRegressor r = EstimatorFile.loadRegressor(file);
            r.predict(new float[1][r.nFeaturesIn()]);
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
        try {
            Perceptron p = EstimatorFile.loadPerceptron(file);
            p.predictLabels(new float[1][p.coef()[0].length]); // labels of any type (predict() needs integer labels)
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
    }
}
