package dev.myelin.cli;

import dev.myelin.nn.Module;
import dev.myelin.tensor.Tensor;

import java.nio.file.Path;

/** Checks that a loaded model fits the data it is about to see, with a message that says what to do. */
final class ModelChecks {
    private ModelChecks() {}

    static void requireInputs(Module model, int features, Path modelFile) {
        Tensor weight = model.namedParameters().values().stream().filter(p -> p.dim() == 2).findFirst().orElse(null);
        if (weight != null && weight.size(1) != features)
            throw new IllegalArgumentException(modelFile + " expects " + weight.size(1) + " input features, but the data has "
                    + features + "; use the data set the model was trained on");
    }

    /** The model's output width must be the data's number of classes (or target columns). */
    static void requireOutputs(Module model, int features, int outputs, boolean classification, Path modelFile) {
        int width = RunReport.predict(model, Tensor.zeros(1, features)).numel();
        if (width != outputs)
            throw new IllegalArgumentException(modelFile + " has " + width + " outputs, but the data has " + outputs
                    + (classification ? " classes" : " target columns") + "; use the data set the model was trained on");
    }
}
