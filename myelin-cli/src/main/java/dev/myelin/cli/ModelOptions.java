package dev.myelin.cli;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.BatchNorm1d;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Linear;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(names = "--model", paramLabel = "SPEC.json", description = "Architecture JSON (as written by Architecture.toJson) instead of --hidden.")
    Path spec;

    Module build(int inputs, int outputs, Generator gen) throws IOException {
        if (spec != null) {
            if (!Files.isRegularFile(spec)) throw new IOException("--model " + spec + ": no such file");
            return Architecture.fromJson(Files.readString(spec), gen);
        }
        for (int h : hidden) if (h <= 0) throw new IllegalArgumentException("--hidden: layer widths must be positive, got " + hidden);
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        Activation act = Activation.fromName(activation);
        if (dropout == 0 && !batchNorm) return new MLP(inputs, hidden, outputs, act, gen);
        List<Module> layers = new ArrayList<>();
        int prev = inputs;
        for (int h : hidden) {
            layers.add(new Linear(prev, h, true, gen));
            if (batchNorm) layers.add(new BatchNorm1d(h));
            layers.add(act.module());
            if (dropout > 0) layers.add(new Dropout(dropout, gen));
            prev = h;
        }
        layers.add(new Linear(prev, outputs, true, gen));
        return new Sequential(layers);
    }
}
