package dev.myelin.cli;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tune.objective.NetworkConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;

/**
 * The model flags of {@code myelin train}: a built-in architecture by name ({@code mlp}, shaped by the MLP flags;
 * {@code cnn}; {@code lenet}) or an architecture JSON file.
 */
final class ModelOptions {
    @Mixin
    ModelChoice model = new ModelChoice();

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
        if (model.isMlp()) {
            NetworkConfig net = network(optimizer);
            try {
                return net.buildModel(data.features(), data.outputs(), gen);
            } catch (IllegalArgumentException e) { // too large for a tensor or the heap: say which flag made it so
                throw new IllegalArgumentException("--hidden " + hidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                        + ": " + e.getMessage(), e);
            }
        }
        refuseMlpFlags();
        return Architecture.fromJson(model.spec(data), gen);
    }

    /** The flags that shape the mlp (every option of this class) are refused with other models, which they would not change. */
    private void refuseMlpFlags() {
        if (command == null) return;
        for (OptionSpec o : command.commandLine().getParseResult().matchedOptions())
            if (o.userObject() instanceof Field f && f.getDeclaringClass() == ModelOptions.class)
                throw new IllegalArgumentException(o.longestName() + " shapes --model mlp only; " + model.name + " has its own layers"
                        + (BuiltinModels.isConvolutional(model.name) ? " (write an architecture JSON file to change them)" : ""));
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
