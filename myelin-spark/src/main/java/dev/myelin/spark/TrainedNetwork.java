package dev.myelin.spark;

import dev.myelin.autograd.NoGrad;
import dev.myelin.io.ModelFile;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A trained model in the form that travels to executors: its architecture JSON and flat weights. Saved and loaded
 * as a Myelin model file (core's {@link ModelFile}), so {@code myelin eval} and {@code predict} read it too.
 */
record TrainedNetwork(String json, float[] weights, int inputs, int outputs, boolean classification) implements Serializable {
    static TrainedNetwork of(Module model, int inputs, int outputs, boolean classification) {
        return new TrainedNetwork(Architecture.toJson(model), FlatState.weights(model), inputs, outputs, classification);
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

    void save(Path file) throws IOException {
        ModelFile.save(file, module());
    }

    static TrainedNetwork load(Path file, boolean classification) throws IOException {
        Module m = ModelFile.load(file).model();
        int inputs = -1, outputs = -1;
        for (var p : m.parameters()) {
            if (p.shape().length == 2) {
                if (inputs < 0) inputs = p.shape()[1];
                outputs = p.shape()[0];
            }
        }
        if (inputs < 0) throw new IOException(file + ": the model has no weight matrix to read its input and output widths from");
        return new TrainedNetwork(Architecture.toJson(m), FlatState.weights(m), inputs, outputs, classification);
    }
}
