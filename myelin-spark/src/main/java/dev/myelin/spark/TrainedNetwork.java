package dev.myelin.spark;

import dev.myelin.autograd.NoGrad;
import dev.myelin.io.ModelFile;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained model in the form that travels to executors: its architecture JSON and flat weights. Saved and loaded
 * as a Myelin model file (core's {@link ModelFile}), so {@code myelin eval} and {@code predict} read it too.
 *
 * @param json the architecture JSON
 * @param weights the parameters and buffers, flat, in state-dict order
 * @param inputs the input width
 * @param outputs the output width: classes, or 1 for a regressor
 * @param classification whether the outputs are class logits
 */
record TrainedNetwork(String json, float[] weights, int inputs, int outputs, boolean classification)
        implements Serializable {
    static TrainedNetwork of(Module model, int inputs, int outputs, boolean classification) {
        return new TrainedNetwork(
                Architecture.toJson(model), FlatState.weights(model), inputs, outputs, classification);
    }

    Module module() {
        Module m = new NetworkSpec(json, inputs, outputs, classification).build(new dev.myelin.tensor.Generator(0));
        FlatState.setWeights(m, weights);
        m.eval();
        return m;
    }

    /** The model's outputs [rows, outputs] for features [rows, inputs] (logits for a classifier). */
    static float[] forward(Module m, float[] x, int rows, int inputs) {
        try (var ignored = NoGrad.enter()) {
            return m.forward(new Tensor(x, rows, inputs)).contiguous().data();
        }
    }

    static final String INPUTS = "myelin.spark.inputs", OUTPUTS = "myelin.spark.outputs";

    /** A Myelin model file; the input and output widths go into its metadata (a CNN's first weight does not say them). */
    void save(Path file) throws IOException {
        ModelFile.save(
                file, module(), null, Map.of(INPUTS, Integer.toString(inputs), OUTPUTS, Integer.toString(outputs)));
    }

    static TrainedNetwork load(Path file, boolean classification) throws IOException {
        ModelFile.Loaded loaded = ModelFile.load(file);
        int inputs = width(loaded, INPUTS, file), outputs = width(loaded, OUTPUTS, file);
        return new TrainedNetwork(
                Architecture.toJson(loaded.model()),
                FlatState.weights(loaded.model()),
                inputs,
                outputs,
                classification);
    }

    private static int width(ModelFile.Loaded loaded, String key, Path file) throws IOException {
        String v = loaded.metadata().get(key);
        try {
            int n = v == null ? -1 : Integer.parseInt(v);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(file + ": metadata '" + key + "' is " + (v == null ? "missing" : "'" + v + "'")
                + "; a model saved by myelin-spark records its input and output widths there");
    }
}
