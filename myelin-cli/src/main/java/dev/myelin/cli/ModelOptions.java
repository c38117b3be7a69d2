package dev.myelin.cli;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.train.spec.NetworkConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The model flags of {@code myelin train}: a built-in architecture by name ({@code mlp}, shaped by the MLP flags;
 * {@code cnn}; {@code lenet}; {@code rnn}, {@code lstm}, {@code gru}, sized by {@code --hidden}, {@code --layers},
 * {@code --bidirectional} and {@code --dropout}; {@code transformer}, sized by {@code --layers}, {@code --heads},
 * {@code --dim} and {@code --dropout}) or an architecture JSON file.
 */
final class ModelOptions {
    /** The flags that size a recurrent built-in; the others of this class shape only the mlp. */
    private static final Set<String> RECURRENT_FLAGS = Set.of("--hidden", "--layers", "--bidirectional", "--dropout");
    /** The flags that size the transformer built-in. */
    private static final Set<String> TRANSFORMER_FLAGS = Set.of("--layers", "--heads", "--dim", "--dropout");
    /** The flags that only a recurrent built-in or the transformer takes, never the mlp. */
    private static final Set<String> SEQUENCE_ONLY = Set.of("--layers", "--bidirectional", "--heads", "--dim");

    @Mixin
    ModelChoice model = new ModelChoice();

    @Option(
            names = "--hidden",
            split = ",",
            paramLabel = "N",
            description = "Hidden layer widths of the mlp, e.g. 256,128 (default: ${DEFAULT-VALUE}); "
                    + "for rnn, lstm and gru one number, the units per layer and direction (default there: 128).",
            defaultValue = "256,128")
    List<Integer> hidden;

    @Option(
            names = "--activation",
            description =
                    "Hidden activation of the mlp: relu, tanh, sigmoid, gelu, elu, leaky-relu, identity (default: ${DEFAULT-VALUE}).",
            defaultValue = "relu")
    String activation;

    @Option(
            names = "--dropout",
            description =
                    "Dropout probability after each hidden activation of the mlp, or between the layers of "
                            + "rnn, lstm and gru (default: ${DEFAULT-VALUE}), or in the attention and feed-forward blocks of transformer (default there: 0.1).",
            defaultValue = "0")
    double dropout;

    @Option(names = "--batch-norm", description = "Batch normalization after each hidden linear layer of the mlp.")
    boolean batchNorm;

    @Option(
            names = "--layers",
            description =
                    "Stacked recurrent layers of rnn, lstm and gru (default: ${DEFAULT-VALUE}), or encoder layers "
                            + "of transformer (default there: 2).",
            defaultValue = "1")
    int layers;

    @Option(
            names = "--heads",
            description = "Attention heads of transformer; they must divide --dim (default: ${DEFAULT-VALUE}).",
            defaultValue = "4")
    int heads;

    @Option(
            names = "--dim",
            description =
                    "Model width of transformer (its feed-forward layers are twice as wide) (default: ${DEFAULT-VALUE}).",
            defaultValue = "64")
    int dim;

    @Option(
            names = "--bidirectional",
            description = "Run rnn, lstm and gru in both directions (twice the units into the last layer).")
    boolean bidirectional;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Builds the model for the data: its features per example, its outputs and, for images, their shape. */
    Module build(LoadedData data, Generator gen, OptimizerOptions optimizer) throws IOException {
        refuseFlagsOfOtherModels();
        if (model.isMlp()) {
            model.requireFits(data);
            NetworkConfig net = network(optimizer);
            try {
                return net.buildModel(data.features(), data.outputs(), gen);
            } catch (IllegalArgumentException e) { // too large for a tensor or the heap: say which flag made it so
                throw new IllegalArgumentException(
                        "--hidden "
                                + hidden.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                                + ": " + e.getMessage(),
                        e);
            }
        }
        boolean transformer = BuiltinModels.isTransformer(model.name);
        return Architecture.fromJson(
                model.spec(
                        data,
                        transformer ? RecurrentShape.DEFAULT : recurrentShape(),
                        transformer ? transformerShape() : TransformerShape.DEFAULT),
                gen);
    }

    /**
     * The flags of this class shape one kind of model; given with another (the MLP flags with cnn, --layers with
     * mlp) they would change nothing, so they are refused.
     */
    private void refuseFlagsOfOtherModels() {
        if (command == null) return;
        boolean recurrent = BuiltinModels.isRecurrent(model.name),
                transformer = BuiltinModels.isTransformer(model.name);
        for (OptionSpec o : command.commandLine().getParseResult().matchedOptions()) {
            if (!(o.userObject() instanceof Field f && f.getDeclaringClass() == ModelOptions.class)) continue;
            String flag = o.longestName();
            if (model.isMlp()
                    ? !SEQUENCE_ONLY.contains(flag)
                    : recurrent ? RECURRENT_FLAGS.contains(flag) : transformer && TRANSFORMER_FLAGS.contains(flag))
                continue;
            if (SEQUENCE_ONLY.contains(flag)) {
                boolean r = RECURRENT_FLAGS.contains(flag), t = TRANSFORMER_FLAGS.contains(flag);
                throw new IllegalArgumentException(flag + " sizes --model "
                        + (r && t ? "rnn, lstm, gru or transformer" : t ? "transformer" : "rnn, lstm or gru")
                        + " only; " + model.name + " has no "
                        + (r && t ? "recurrent or attention" : t ? "attention" : "recurrent") + " layers");
            }
            throw new IllegalArgumentException(flag + " shapes --model mlp only; " + model.name + " has its own layers"
                    + (BuiltinModels.isConvolutional(model.name)
                            ? " (write an architecture JSON file to change them)"
                            : recurrent
                                    ? " ("
                                            + String.join(
                                                    ", ",
                                                    RECURRENT_FLAGS.stream()
                                                            .sorted()
                                                            .toList()) + " size it)"
                                    : transformer
                                            ? " ("
                                                    + String.join(
                                                            ", ",
                                                            TRANSFORMER_FLAGS.stream()
                                                                    .sorted()
                                                                    .toList()) + " size it)"
                                            : ""));
        }
    }

    private boolean given(String flag) {
        return command != null && command.commandLine().getParseResult().hasMatchedOption(flag);
    }

    /** The size of the transformer built-in from --layers (2 when not given), --heads, --dim and --dropout (0.1 when not given). */
    TransformerShape transformerShape() {
        TransformerShape d = TransformerShape.DEFAULT;
        return new TransformerShape(
                given("--layers") ? layers : d.layers(), heads, dim, given("--dropout") ? dropout : d.dropout());
    }

    /** The size of a recurrent built-in from --hidden (one width; 128 when not given), --layers, --bidirectional, --dropout. */
    RecurrentShape recurrentShape() {
        boolean hiddenGiven =
                command != null && command.commandLine().getParseResult().hasMatchedOption("--hidden");
        if (hiddenGiven && hidden.size() != 1)
            throw new IllegalArgumentException(
                    "--hidden: --model " + model.name + " takes one width (the units of every layer), got " + hidden);
        int units = hiddenGiven ? hidden.getFirst() : RecurrentShape.DEFAULT.hidden();
        if (units <= 0) throw new IllegalArgumentException("--hidden: the width must be positive, got " + units);
        if (layers < 1) throw new IllegalArgumentException("--layers must be >= 1, got " + layers);
        if (!(dropout >= 0 && dropout < 1))
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        // as PyTorch's dropout argument, it acts between layers only
        if (dropout > 0 && layers == 1)
            throw new IllegalArgumentException("--dropout acts between the layers of --model " + model.name
                    + "; with --layers 1 it would change nothing");
        return new RecurrentShape(units, layers, bidirectional, dropout);
    }

    /** The flags as the network description that {@code myelin tune} also uses, so both build the same model. */
    NetworkConfig network(OptimizerOptions optimizer) {
        // checked here too so that the message names the flag, not the library's parameter
        for (int h : hidden)
            if (h <= 0) throw new IllegalArgumentException("--hidden: layer widths must be positive, got " + hidden);
        if (!(dropout >= 0 && dropout < 1))
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        if (!(optimizer.lr > 0) || Double.isInfinite(optimizer.lr))
            throw new IllegalArgumentException("--lr must be positive, got " + optimizer.lr);
        if (!(optimizer.weightDecay >= 0))
            throw new IllegalArgumentException("--weight-decay must be >= 0, got " + optimizer.weightDecay);
        return new NetworkConfig(
                hidden,
                Activation.fromName(activation),
                dropout,
                batchNorm,
                optimizer.name,
                optimizer.lr,
                optimizer.momentum,
                optimizer.weightDecay,
                1);
    }
}
