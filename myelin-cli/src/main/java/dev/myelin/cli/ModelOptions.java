package dev.myelin.cli;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tune.objective.NetworkConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The model flags of {@code myelin train}: an MLP described by flags, or an architecture JSON file. */
final class ModelOptions {
    @Option(names = "--hidden", split = ",", paramLabel = "N", description = "Hidden layer widths, e.g. 256,128 (default: ${DEFAULT-VALUE}).", defaultValue = "256,128")
    List<Integer> hidden;

    @Option(names = "--activation", description = "Hidden activation: relu, tanh, sigmoid, gelu, elu, leaky-relu, identity (default: ${DEFAULT-VALUE}).", defaultValue = "relu")
    String activation;

    @Option(names = "--dropout", description = "Dropout probability after each hidden activation (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    double dropout;

    @Option(names = "--batch-norm", description = "Batch normalization after each hidden linear layer.")
    boolean batchNorm;

    @Option(names = "--model", paramLabel = "SPEC.json", description = "Architecture JSON (as written by Architecture.toJson; `myelin info` lists the module types) instead of --hidden.")
    Path spec;

    Module build(int inputs, int outputs, Generator gen, OptimizerOptions optimizer) throws IOException {
        if (spec != null) {
            if (!Files.isRegularFile(spec)) throw new IOException("--model " + spec + ": no such file");
            return Architecture.fromJson(Files.readString(spec), gen);
        }
        return network(optimizer).buildModel(inputs, outputs, gen);
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
