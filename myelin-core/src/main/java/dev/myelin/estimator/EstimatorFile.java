package dev.myelin.estimator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.data.Rows;
import dev.myelin.io.ModelFileException;
import dev.myelin.io.SafeTensors;
import dev.myelin.io.StateFile;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads fitted estimators in the library's model-file format: a safetensors file with the
 * weights ({@code coefs.0}, {@code intercepts.0}, ... as scikit-learn names them) and, in its metadata,
 * the estimator type, its hyperparameters and its classes as JSON. A loaded estimator predicts
 * exactly as the saved one did.
 */
public final class EstimatorFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String TYPE = "myelin.estimator",
            PARAMS = "myelin.params",
            CLASSES = "myelin.classes",
            CLASS_TYPE = "myelin.classes.type",
            MULTILABEL = "myelin.multilabel";

    private EstimatorFile() {}

    /**
     * Saves a fitted classifier (weights, hyperparameters, classes, multi-label flag), atomically.
     *
     * @param file the file to write
     * @param model the fitted classifier
     * @throws IOException if the file cannot be written
     */
    public static void save(Path file, MLPClassifier model) throws IOException {
        Map<String, String> meta = meta("MLPClassifier", model.getParams());
        putClasses(meta, model.classes());
        meta.put(MULTILABEL, Boolean.toString(model.isMultilabel()));
        StateFile.save(file, layers(model.coefs(), model.intercepts()), meta);
    }

    /**
     * Saves a fitted regressor (weights and hyperparameters), atomically.
     *
     * @param file the file to write
     * @param model the fitted regressor
     * @throws IOException if the file cannot be written
     */
    public static void save(Path file, MLPRegressor model) throws IOException {
        StateFile.save(file, layers(model.coefs(), model.intercepts()), meta("MLPRegressor", model.getParams()));
    }

    /**
     * Saves a fitted perceptron (coef, intercept, hyperparameters, classes), atomically.
     *
     * @param file the file to write
     * @param model the fitted perceptron
     * @throws IOException if the file cannot be written
     */
    public static void save(Path file, Perceptron model) throws IOException {
        Map<String, String> meta = meta("Perceptron", model.getParams());
        putClasses(meta, model.classes());
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("coef", Tensor.fromRows(model.coef()));
        t.put("intercept", Tensor.fromArray(model.intercept()));
        StateFile.save(file, t, meta);
    }

    /**
     * Loads a classifier saved by {@link #save(Path, MLPClassifier)}; it predicts exactly as the saved one did.
     *
     * @param file the estimator file
     * @return the fitted classifier
     * @throws IOException if the file cannot be read, or a {@link ModelFileException} naming the file and what is
     *     wrong if it is not a valid MLPClassifier file
     */
    public static MLPClassifier loadClassifier(Path file) throws IOException {
        SafeTensors.Contents c = read(file, "MLPClassifier");
        float[][][] coefs = coefs(file, c.tensors());
        float[][] intercepts = intercepts(file, c.tensors(), coefs.length);
        Map<String, Object> params = params(file, c);
        Object[] classes = classes(file, c.metadata());
        boolean multilabel = Boolean.parseBoolean(c.metadata().get(MULTILABEL));
        return wrap(file, () -> MLPClassifier.restore(params, coefs, intercepts, classes, multilabel));
    }

    /**
     * Loads a regressor saved by {@link #save(Path, MLPRegressor)}; it predicts exactly as the saved one did.
     *
     * @param file the estimator file
     * @return the fitted regressor
     * @throws IOException if the file cannot be read, or a {@link ModelFileException} naming the file and what is
     *     wrong if it is not a valid MLPRegressor file
     */
    public static MLPRegressor loadRegressor(Path file) throws IOException {
        SafeTensors.Contents c = read(file, "MLPRegressor");
        float[][][] coefs = coefs(file, c.tensors());
        float[][] intercepts = intercepts(file, c.tensors(), coefs.length);
        Map<String, Object> params = params(file, c);
        return wrap(file, () -> MLPRegressor.restore(params, coefs, intercepts));
    }

    /**
     * Loads a perceptron saved by {@link #save(Path, Perceptron)}; it predicts exactly as the saved one did.
     *
     * @param file the estimator file
     * @return the fitted perceptron
     * @throws IOException if the file cannot be read, or a {@link ModelFileException} naming the file and what is
     *     wrong if it is not a valid Perceptron file
     */
    public static Perceptron loadPerceptron(Path file) throws IOException {
        SafeTensors.Contents c = read(file, "Perceptron");
        Tensor coef = require(file, c.tensors(), "coef"), intercept = require(file, c.tensors(), "intercept");
        if (coef.dim() != 2)
            throw new ModelFileException(
                    file.toString(), "tensor 'coef' must be 2-D, has shape " + java.util.Arrays.toString(coef.shape()));
        Object[] classes = classes(file, c.metadata());
        Map<String, Object> params = params(file, c);
        return wrap(
                file,
                () -> Perceptron.restore(Rows.toArray(coef), intercept.toArray(), classes)
                        .setParams(params));
    }

    // ---------------------------------------------------------------- helpers

    private interface Restore<T> {
        T get();
    }

    /** Restore errors (shapes that do not fit, bad classes) become file errors naming the file. */
    private static <T> T wrap(Path file, Restore<T> restore) throws ModelFileException {
        try {
            return restore.get();
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file.toString(), e.getMessage(), e);
        }
    }

    private static Map<String, String> meta(String type, Map<String, Object> params) throws JsonProcessingException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TYPE, type);
        m.put(PARAMS, JSON.writeValueAsString(params));
        return m;
    }

    private static void putClasses(Map<String, String> meta, Object[] classes) throws JsonProcessingException {
        String type = classes[0] instanceof Integer
                ? "int"
                : classes[0] instanceof Long ? "long" : classes[0] instanceof Number ? "double" : "string";
        meta.put(CLASS_TYPE, type);
        meta.put(
                CLASSES,
                JSON.writeValueAsString(
                        type.equals("string")
                                ? java.util.Arrays.stream(classes)
                                        .map(String::valueOf)
                                        .toList()
                                : classes));
    }

    private static Object[] classes(Path file, Map<String, String> meta) throws ModelFileException {
        String json = meta.get(CLASSES), type = meta.getOrDefault(CLASS_TYPE, "string");
        if (json == null) throw new ModelFileException(file.toString(), "metadata has no '" + CLASSES + "'");
        try {
            List<Object> raw = JSON.readValue(json, new TypeReference<List<Object>>() {});
            if (raw == null || raw.isEmpty() || raw.contains(null))
                throw new ClassCastException("not a list of labels");
            return raw.stream()
                    .map(v -> switch (type) {
                        case "int" -> (Object) ((Number) v).intValue();
                        case "long" -> ((Number) v).longValue();
                        case "double" -> ((Number) v).doubleValue();
                        default -> String.valueOf(v);
                    })
                    .toArray();
        } catch (JsonProcessingException | ClassCastException e) {
            throw new ModelFileException(
                    file.toString(), "metadata '" + CLASSES + "' is not a JSON list of " + type + " labels");
        }
    }

    private static Map<String, Object> params(Path file, SafeTensors.Contents c) throws ModelFileException {
        try {
            Map<String, Object> params =
                    JSON.readValue(c.metadata().get(PARAMS), new TypeReference<Map<String, Object>>() {});
            if (params == null) throw new IllegalArgumentException("null");
            return params;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ModelFileException(
                    file.toString(), "metadata '" + PARAMS + "' is not a JSON object of hyperparameters");
        }
    }

    private static SafeTensors.Contents read(Path file, String expected) throws IOException {
        SafeTensors.Contents c = StateFile.load(file);
        String type = c.metadata().get(TYPE);
        if (!expected.equals(type))
            throw new ModelFileException(
                    file.toString(),
                    type == null
                            ? "not a saved estimator (no '" + TYPE + "' in the metadata)"
                            : "holds a " + type + ", not a " + expected);
        if (c.metadata().get(PARAMS) == null)
            throw new ModelFileException(file.toString(), "metadata has no '" + PARAMS + "'");
        for (var t : c.tensors().entrySet()) StateFile.requireFinite(file.toString(), t.getKey(), t.getValue());
        return c;
    }

    private static Map<String, Tensor> layers(float[][][] coefs, float[][] intercepts) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (int i = 0; i < coefs.length; i++) {
            t.put("coefs." + i, Tensor.fromRows(coefs[i]));
            t.put("intercepts." + i, Tensor.fromArray(intercepts[i]));
        }
        return t;
    }

    private static float[][][] coefs(Path file, Map<String, Tensor> t) throws ModelFileException {
        int n = 0;
        while (t.containsKey("coefs." + n)) n++;
        if (n == 0) throw new ModelFileException(file.toString(), "no 'coefs.0' tensor");
        float[][][] c = new float[n][][];
        for (int i = 0; i < n; i++) {
            Tensor w = t.get("coefs." + i);
            if (w.dim() != 2) throw new ModelFileException(file.toString(), "tensor 'coefs." + i + "' must be 2-D");
            c[i] = Rows.toArray(w);
        }
        return c;
    }

    private static float[][] intercepts(Path file, Map<String, Tensor> t, int layers) throws ModelFileException {
        float[][] b = new float[layers][];
        for (int i = 0; i < layers; i++)
            b[i] = require(file, t, "intercepts." + i).toArray();
        return b;
    }

    private static Tensor require(Path file, Map<String, Tensor> t, String name) throws ModelFileException {
        Tensor v = t.get(name);
        if (v == null) throw new ModelFileException(file.toString(), "missing tensor '" + name + "'");
        return v;
    }
}
