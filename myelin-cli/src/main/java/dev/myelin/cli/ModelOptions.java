package dev.myelin.cli;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tune.objective.NetworkConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The model flags of {@code myelin train}: a built-in architecture by name ({@code mlp}, shaped by the MLP flags;
 * {@code cnn}; {@code lenet}) or an architecture JSON file.
 */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "NAME|SPEC.json", defaultValue = "mlp",
            description = "mlp (shaped by --hidden, --activation, --dropout, --batch-norm), cnn (two 3x3 convolutions with max-pooling, "
                    + "then 128 hidden units), lenet (LeNet-5 with ReLU), or an architecture JSON file (as written by "
                    + "Architecture.toJson; `myelin info` lists the module types) (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--hidden", split = ",", paramLabel = "N", description = "Hidden layer widths of the mlp, e.g. 256,128 (default: ${DEFAULT-VALUE}).", defaultValue = "256,128")
    List<Integer> hidden;

    @Option(names = "--activation", description = "Hidden activation of the mlp: relu, tanh, sigmoid, gelu, elu, leaky-relu, identity (default: ${DEFAULT-VALUE}).", defaultValue = "relu")
    String activation;

    @Option(names = "--dropout", description = "Dropout probability after each hidden activation of the mlp (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double dropout;

    @Option(names = "--batch-norm", description = "Batch normalization after each hidden linear layer of the mlp.")
    boolean batchNorm;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Builds the model for the data: its features per example, its outputs and, for images, their shape. */
    Module build(LoadedData data, Generator gen, OptimizerOptions optimizer) throws IOException {
        if (name.equals("mlp")) return network(optimizer).buildModel(data.features(), data.outputs(), gen);
        refuseMlpFlags();
        Module model = BuiltinModels.isConvolutional(name) ? convolutional(data, gen) : fromFile(gen);
        String source = "--model " + name, hint = "change the architecture to fit the data";
        ModelChecks.requireInputs(model, data.features(), source, hint);
        ModelChecks.requireOutputs(model, data.features(), data.outputs(), data.classification(), source, hint);
        return model;
    }

    /** The flags that shape the mlp (every option of this class but --model) are refused with other models, which they would not change. */
    private void refuseMlpFlags() {
        if (command == null) return;
        for (OptionSpec o : command.commandLine().getParseResult().matchedOptions())
            if (o.userObject() instanceof Field f && f.getDeclaringClass() == ModelOptions.class && !f.getName().equals("name"))
                throw new IllegalArgumentException(o.longestName() + " shapes --model mlp only; " + name + " has its own layers"
                        + (BuiltinModels.isConvolutional(name) ? " (write an architecture JSON file to change them)" : ""));
    }

    private Module convolutional(LoadedData data, Generator gen) {
        int[] hw = data.imageShape();
        if (hw == null) {
            // flat data (a CSV of pixel columns) is taken as square one-channel images
            int side = (int) Math.round(Math.sqrt(data.features()));
            if (side * side != data.features())
                throw new IllegalArgumentException("--model " + name + " needs images: " + data.name() + " has " + data.features()
                        + " features, not a square number of pixels; use --model mlp or an architecture JSON file");
            hw = new int[] {side, side};
        }
        return Architecture.fromJson(BuiltinModels.spec(name, 1, hw[0], hw[1], data.outputs()), gen);
    }

    private Module fromFile(Generator gen) throws IOException {
        Path file;
        try {
            file = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            file = null;
        }
        if (file == null || !Files.isRegularFile(file))
            throw new IllegalArgumentException("--model " + name + ": not a built-in model (" + String.join(", ", BuiltinModels.NAMES)
                    + ") and no such architecture JSON file");
        try {
            return Architecture.fromJson(Files.readString(file), gen);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The flags as the network description that {@code myelin tune} also uses, so both build the same model. */
    NetworkConfig network(OptimizerOptions optimizer) {
        // checked here too so that the message names the flag, not the library's parameter
        for (int h : hidden) if (h <= 0) throw new IllegalArgumentException("--hidden: layer widths must be positive, got " + hidden);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        if (!(optimizer.lr > 0) || Double.isInfinite(optimizer.lr)) throw new IllegalArgumentException("--lr must be positive, got " + optimizer.lr);
        if (!(optimizer.weightDecay >= 0)) throw new IllegalArgumentException("--weight-decay must be >= 0, got " + optimizer.weightDecay);
        return new NetworkConfig(hidden, Activation.fromName(activation), dropout, batchNorm, optimizer.name, optimizer.lr,
                optimizer.momentum, optimizer.weightDecay, 1);
    }
}
