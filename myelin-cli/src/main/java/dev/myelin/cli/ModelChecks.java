package dev.myelin.cli;

import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.Unflatten;
import dev.myelin.tensor.Tensor;
import java.nio.file.Path;

/** Checks that a model fits the data it is about to see, with a message that says what to do. */
final class ModelChecks {
    static final String SAME_DATA = "use the data set the model was trained on";

    private ModelChecks() {}

    static void requireInputs(Module model, int features, Path modelFile) {
        requireInputs(model, features, modelFile.toString(), SAME_DATA);
    }

    /**
     * The model must take rows of {@code features} values: a first linear layer of another width is named as
     * such; any other misfit (an Unflatten to another image size, a convolution fed flat rows) is found by a
     * forward pass on one row of zeros, and its message names the layer.
     */
    static void requireInputs(Module model, int features, String source, String hint) {
        Tensor first = firstLinearWeight(model);
        if (first != null && first.size(1) != features)
            throw new IllegalArgumentException(source + " expects " + first.size(1)
                    + " input features, but the data has " + features + "; " + hint);
        try {
            RunReport.predict(model, Tensor.zeros(1, features));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    source + " cannot take rows of " + features + " input features (" + e.getMessage() + "); " + hint,
                    e);
        }
    }

    /**
     * The weight of the model's first layer with parameters when that layer is a Linear reading the rows as they
     * are (then its input width is the features per row), else null: a recurrent layer's or an embedding's 2-D weight
     * has another meaning, and a Linear after an Unflatten reads each step of a sequence, not the row.
     */
    private static Tensor firstLinearWeight(Module model) {
        for (Module m : model.namedModules().values()) {
            if (m instanceof Unflatten) return null;
            if (m.children().isEmpty() && !m.parameters().isEmpty())
                return m instanceof Linear l ? l.parameter("weight") : null;
        }
        return null;
    }

    static void requireOutputs(Module model, int features, int outputs, boolean classification, Path modelFile) {
        requireOutputs(model, features, outputs, classification, modelFile.toString(), SAME_DATA);
    }

    /** The model's output width must be the data's number of classes (or target columns). */
    static void requireOutputs(
            Module model, int features, int outputs, boolean classification, String source, String hint) {
        int width = RunReport.predict(model, Tensor.zeros(1, features)).numel();
        if (width != outputs)
            throw new IllegalArgumentException(source + " has " + width + " outputs, but the data has " + outputs
                    + (classification ? " classes" : " target columns") + "; " + hint);
    }
}
