package dev.myelin.cli;

import dev.myelin.io.RegularFiles;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --model} flag of {@code train} and {@code tune}: {@code mlp} (shaped by the command's MLP flags or
 * search space), a convolutional built-in ({@code cnn}, {@code lenet}) or an architecture JSON file.
 */
final class ModelChoice {
    @Option(names = "--model", paramLabel = "NAME|SPEC.json", defaultValue = "mlp",
            description = "mlp (a multilayer perceptron, shaped by the MLP flags), cnn (two 3x3 convolutions with max-pooling, then 128 "
                    + "hidden units), lenet (LeNet-5 with ReLU), or an architecture JSON file (as written by Architecture.toJson; "
                    + "`myelin info` lists the module types) (default: ${DEFAULT-VALUE}).")
    String name;

    /** An architecture is a few hundred bytes a layer; a larger file is not one. */
    private static final long MAX_SPEC_BYTES = 16 << 20;

    boolean isMlp() {
        return name.equals("mlp");
    }

    /**
     * The architecture JSON of a model other than mlp, sized for the data (built-ins) or read from its file, and
     * checked against the data by building it once.
     */
    String spec(LoadedData data) throws IOException {
        if (isMlp()) throw new IllegalStateException("mlp is built from its flags, not from a spec");
        String json = BuiltinModels.isConvolutional(name) ? convolutional(data) : file();
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

    private String convolutional(LoadedData data) {
        int[] hw = data.imageShape();
        if (hw == null) {
            // flat data (a CSV of pixel columns) is taken as square one-channel images
            int side = (int) Math.round(Math.sqrt(data.features()));
            if (side * side != data.features())
                throw new IllegalArgumentException("--model " + name + " needs images: " + data.name() + " has " + data.features()
                        + " features, not a square number of pixels; use --model mlp or an architecture JSON file");
            hw = new int[] {side, side};
        }
        return BuiltinModels.spec(name, 1, hw[0], hw[1], data.outputs());
    }

    private String file() throws IOException {
        Path file;
        try {
            file = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            file = null;
        }
        if (file == null || !Files.exists(file))
            throw new IllegalArgumentException("--model " + name + ": not a built-in model (" + String.join(", ", BuiltinModels.NAMES)
                    + ") and no such architecture JSON file");
        RegularFiles.require(file, "architecture JSON file");
        if (Files.size(file) > MAX_SPEC_BYTES)
            throw new IllegalArgumentException("--model " + name + ": " + Files.size(file) + " bytes, more than the " + MAX_SPEC_BYTES
                    + " an architecture JSON file may have (it describes layers, not weights)");
        try {
            return Files.readString(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("--model " + name + ": not UTF-8 text");
        }
    }
}
