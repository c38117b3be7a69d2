package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.io.ModelFileException;
import dev.myelin.io.StateFile;
import dev.myelin.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fitted estimator saved and loaded predicts identically; bad files are refused with the file named. */
class EstimatorFileTest {
    @TempDir
    Path dir;

    private static float[][] blobs(int n, int features, long seed, int[] labels) {
        Random r = new Random(seed);
        float[][] x = new float[n][features];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < features; j++)
                x[i][j] = (float) (r.nextGaussian() + 2 * labels[i] * (j % 2 == 0 ? 1 : -1));
        }
        return x;
    }

    @Test
    void classifierWithStringLabelsRoundTripsExactly() throws Exception {
        int[] y = new int[120];
        float[][] x = blobs(120, 4, 1, y);
        String[] names = {"cat", "dog", "emu"};
        Object[] labels = new Object[y.length];
        for (int i = 0; i < y.length; i++) labels[i] = names[y[i]];
        MLPClassifier model = new MLPClassifier()
                .hiddenLayerSizes(8, 4)
                .maxIter(50)
                .randomState(0L)
                .fit(x, labels);
        Path file = dir.resolve("clf.safetensors");
        EstimatorFile.save(file, model);
        MLPClassifier loaded = EstimatorFile.loadClassifier(file);
        assertThat(loaded.classes()).containsExactly("cat", "dog", "emu");
        assertThat(loaded.predictLabels(x)).containsExactly(model.predictLabels(x));
        float[][] p0 = model.predictProba(x), p1 = loaded.predictProba(x);
        for (int i = 0; i < p0.length; i++) assertThat(p1[i]).containsExactly(p0[i]);
        assertThat(loaded.getParams()).usingRecursiveComparison().isEqualTo(model.getParams());
    }

    @Test
    void regressorAndPerceptronRoundTripExactly() throws Exception {
        int[] y = new int[90];
        float[][] x = blobs(90, 3, 2, y);
        float[] target = new float[90];
        for (int i = 0; i < 90; i++) target[i] = x[i][0] - 2 * x[i][2];
        MLPRegressor reg = new MLPRegressor()
                .hiddenLayerSizes(16)
                .maxIter(100)
                .randomState(0L)
                .fit(x, target);
        EstimatorFile.save(dir.resolve("reg.safetensors"), reg);
        assertThat(EstimatorFile.loadRegressor(dir.resolve("reg.safetensors")).predict(x))
                .containsExactly(reg.predict(x));

        Perceptron p = new Perceptron().randomState(0L).fit(x, y);
        EstimatorFile.save(dir.resolve("p.safetensors"), p);
        assertThat(EstimatorFile.loadPerceptron(dir.resolve("p.safetensors")).predict(x))
                .containsExactly(p.predict(x));
    }

    @Test
    void wrongOrDamagedFilesNameTheFileAndTheProblem() throws Exception {
        int[] y = new int[60];
        float[][] x = blobs(60, 2, 3, y);
        Path file = dir.resolve("clf.safetensors");
        EstimatorFile.save(
                file,
                new MLPClassifier()
                        .hiddenLayerSizes(4)
                        .maxIter(5)
                        .randomState(0L)
                        .fit(x, y));
        assertThatThrownBy(() -> EstimatorFile.loadRegressor(file))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("holds a MLPClassifier, not a MLPRegressor");
        Path bare = dir.resolve("bare.safetensors");
        StateFile.save(bare, Map.of("w", Tensor.ones(2, 2)), Map.of());
        assertThatThrownBy(() -> EstimatorFile.loadClassifier(bare)).hasMessageContaining("not a saved estimator");
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.safetensors");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> EstimatorFile.loadClassifier(cut))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining(cut.toString());
    }

    @Test
    void hyperparametersOfTheWrongTypeNameTheParameter() throws Exception {
        int[] y = new int[60];
        float[][] x = blobs(60, 2, 3, y);
        Path file = dir.resolve("clf.safetensors");
        EstimatorFile.save(
                file,
                new MLPClassifier()
                        .hiddenLayerSizes(4)
                        .maxIter(5)
                        .randomState(0L)
                        .fit(x, y));
        dev.myelin.io.SafeTensors.Contents saved = StateFile.load(file);
        String params = saved.metadata().get(EstimatorFile.PARAMS);
        for (String[] change : new String[][] {
            {"\"shuffle\":true", "\"shuffle\":\"yes\"", "'shuffle' must be true or false, got yes (String)"},
            {
                "\"hiddenLayerSizes\":[4]",
                "\"hiddenLayerSizes\":4",
                "'hiddenLayerSizes' must be a list of whole numbers, got 4 (Integer)"
            },
            {"\"activation\":\"relu\"", "\"activation\":null", "'activation' must be a string, got null"},
            {"\"maxIter\":5", "\"maxIter\":5.5", "'maxIter' must be a whole number, got 5.5 (Double)"},
            {"\"alpha\":1.0E-4", "\"alpha\":[]", "'alpha' must be a number, got [] (ArrayList)"}
        }) {
            assertThat(params).contains(change[0]);
            Map<String, String> meta = new java.util.LinkedHashMap<>(saved.metadata());
            meta.put(EstimatorFile.PARAMS, params.replace(change[0], change[1]));
            Path bad = dir.resolve("bad.safetensors");
            StateFile.save(bad, saved.tensors(), meta);
            assertThatThrownBy(() -> EstimatorFile.loadClassifier(bad))
                    .isInstanceOf(ModelFileException.class)
                    .hasMessageContaining(bad.toString())
                    .hasMessageContaining(change[2]);
        }
    }
}
