package dev.myelin.cli;

import dev.myelin.io.RegularFiles;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --model} flag of {@code train} and {@code tune}: {@code mlp} (shaped by the command's MLP flags or
 * search space), a convolutional built-in ({@code cnn}, {@code lenet}), a recurrent one ({@code rnn}, {@code lstm},
 * {@code gru}) or an architecture JSON file.
 */
final class ModelChoice {
    @Option(
            names = "--model",
            paramLabel = "NAME|SPEC.json",
            defaultValue = "mlp",
            description =
                    "mlp (a multilayer perceptron, shaped by the MLP flags), cnn (two 3x3 convolutions with max-pooling, then 128 "
                            + "hidden units), lenet (LeNet-5 with ReLU), rnn, lstm or gru (one recurrent layer of 128 units over the "
                            + "steps of sequence data, the last step into a linear layer; images are sequences of rows), transformer (2 encoder layers "
                            + "of width 64 with 4 heads over the steps plus a learned positional embedding, their mean into a linear layer), "
                            + "or an architecture JSON file (as written by Architecture.toJson; "
                            + "`myelin info` lists the module types) (default: ${DEFAULT-VALUE}).")
    String name;

    /** An architecture is a few hundred bytes a layer; a larger file is not one. */
    private static final long MAX_SPEC_BYTES = 16 << 20;

    boolean isMlp() {
        return name.equals("mlp");
    }

    /** As {@link #spec(LoadedData, RecurrentShape, TransformerShape)} with the sequence built-ins' default sizes. */
    String spec(LoadedData data) throws IOException {
        return spec(data, RecurrentShape.DEFAULT, TransformerShape.DEFAULT);
    }

    /**
     * The architecture JSON of a model other than mlp, sized for the data (built-ins; a recurrent one as
     * {@code shape}, the transformer as {@code attention}) or read from its file, and checked against the data by
     * building it once.
     */
    String spec(LoadedData data, RecurrentShape shape, TransformerShape attention) throws IOException {
        if (isMlp()) throw new IllegalStateException("mlp is built from its flags, not from a spec");
        requireFits(data);
        String json = BuiltinModels.isConvolutional(name)
                ? convolutional(data)
                : BuiltinModels.isRecurrent(name) || BuiltinModels.isTransformer(name)
                        ? sequential(data, shape, attention)
                        : file();
        Module model;
        try {
            model = Architecture.fromJson(json, new Generator(0));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model " + name + ": " + e.getMessage(), e);
        }
        String source = "--model " + name, hint = "change the architecture to fit the data";
        ModelChecks.requireInputs(model, data.features(), source, hint);
        ModelChecks.requireOutputs(model, data.features(), data.outputs(), data.classification(), source, hint);
        return json;
    }

    /**
     * Text is rows of character ids, which only a model that embeds them can read: mlp, cnn and lenet would take
     * the ids for magnitudes. Windows of a series are no images either.
     */
    void requireFits(LoadedData data) {
        if (data.vocabulary() != null && (isMlp() || BuiltinModels.isConvolutional(name)))
            throw new IllegalArgumentException("--model " + name + " cannot read " + data.name()
                    + ": its rows are character ids; use --model rnn, "
                    + "lstm, gru or transformer (or an architecture JSON file that starts with an Embedding)");
        if (data.series() != null && BuiltinModels.isConvolutional(name))
            throw new IllegalArgumentException(
                    "--model " + name + " needs images: " + data.name() + " with --window is windows of a time series; "
                            + "use --model rnn, lstm, gru, transformer or mlp");
    }

    private String convolutional(LoadedData data) {
        int[] hw = data.imageShape() != null ? data.imageShape() : squareImages(data);
        if (hw == null)
            throw new IllegalArgumentException(
                    "--model " + name + " needs images: " + data.name() + " has " + data.features()
                            + " features, not a square number of pixels; use --model mlp or an architecture JSON file");
        return BuiltinModels.spec(name, 1, hw[0], hw[1], data.outputs());
    }

    /** A recurrent built-in or the transformer over the data's steps. */
    private String sequential(LoadedData data, RecurrentShape shape, TransformerShape attention) {
        int[] steps = data.sequenceShape() != null ? data.sequenceShape() : squareImages(data);
        if (steps == null)
            throw new IllegalArgumentException(
                    "--model " + name + " needs sequence data: images (rows as steps), csv:FILE with --window or "
                            + "text:FILE; " + data.name() + " has rows of " + data.features()
                            + " features; use --model mlp or an architecture JSON file");
        int vocabulary = data.vocabulary() == null ? 0 : data.vocabulary().size();
        return BuiltinModels.isTransformer(name)
                ? BuiltinModels.transformer(steps[0], steps[1], vocabulary, attention, data.outputs())
                : BuiltinModels.recurrent(name, steps[0], steps[1], vocabulary, shape, data.outputs());
    }

    /** Flat data (a CSV of pixel columns) with a square number of features is taken as square one-channel images. */
    private static int[] squareImages(LoadedData data) {
        int side = (int) Math.round(Math.sqrt(data.features()));
        return side * side == data.features() ? new int[] {side, side} : null;
    }

    private String file() throws IOException {
        Path file;
        try {
            file = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            file = null;
        }
        if (file == null || !Files.exists(file))
            throw new IllegalArgumentException("--model " + name + ": not a built-in model ("
                    + String.join(", ", BuiltinModels.NAMES) + ") and no such architecture JSON file");
        RegularFiles.require(file, "architecture JSON file");
        if (Files.size(file) > MAX_SPEC_BYTES)
            throw new IllegalArgumentException("--model " + name + ": " + Files.size(file) + " bytes, more than the "
                    + MAX_SPEC_BYTES + " an architecture JSON file may have (it describes layers, not weights)");
        try {
            return Files.readString(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("--model " + name + ": not UTF-8 text");
        }
    }
}
