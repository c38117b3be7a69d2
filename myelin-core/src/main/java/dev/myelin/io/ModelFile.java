package dev.myelin.io;

import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A saved model: one safetensors file holding the weights under their PyTorch-style names
 * ({@code model.0.weight}), the optimizer state under {@code optimizer.}, and in the header's
 * metadata the architecture as JSON ({@code myelin.architecture}) plus any caller metadata.
 * Python's {@code safetensors} package reads it as is. Writing is atomic; loading validates the
 * file, rebuilds the module and loads every weight or fails without a half-loaded model.
 */
public final class ModelFile {
    static final String OPTIMIZER_PREFIX = "optimizer.";

    private ModelFile() {}

    /** A loaded model with the file's metadata and the saved optimizer state (empty if none was saved). */
    public record Loaded(Module model, Map<String, String> metadata, Map<String, Tensor> optimizerState) {
        /** Restores the saved optimizer state into {@code optimizer} (built over this model's parameters). */
        public void restoreOptimizer(Optimizer optimizer) {
            if (optimizerState.isEmpty()) throw new IllegalStateException("the model file holds no optimizer state");
            optimizer.loadStateDict(optimizerState);
        }
    }

    public static void save(Path file, Module model) throws IOException {
        save(file, model, null, Map.of());
    }

    public static void save(Path file, Module model, Optimizer optimizer) throws IOException {
        save(file, model, optimizer, Map.of());
    }

    public static void save(Path file, Module model, Optimizer optimizer, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.stateDict());
        if (optimizer != null) optimizer.stateDict().forEach((k, v) -> tensors.put(OPTIMIZER_PREFIX + k, v));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(StateFile.ARCHITECTURE_KEY, Architecture.toJson(model));
        if (optimizer != null) meta.put("myelin.optimizer", optimizer.getClass().getSimpleName());
        StateFile.save(file, tensors, meta);
    }

    public static Loaded load(Path file) throws IOException {
        SafeTensors.Contents contents = StateFile.load(file);
        String json = contents.metadata().get(StateFile.ARCHITECTURE_KEY);
        if (json == null)
            throw new ModelFileException(file.toString(), "not a Myelin model file (no '" + StateFile.ARCHITECTURE_KEY
                    + "' in the safetensors metadata); it may be a bare state dict: build the module yourself and call loadStateDict");
        Module model;
        try {
            model = Architecture.fromJson(json, new Generator(0));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file.toString(), "invalid architecture: " + e.getMessage(), e);
        }
        Map<String, Tensor> weights = new LinkedHashMap<>(), optimizerState = new LinkedHashMap<>();
        contents.tensors().forEach((k, v) -> {
            if (k.startsWith(OPTIMIZER_PREFIX)) optimizerState.put(k.substring(OPTIMIZER_PREFIX.length()), v);
            else weights.put(k, v);
        });
        try {
            model.loadStateDict(weights);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file.toString(), "weights do not match the architecture: " + oneLine(e.getMessage()), e);
        }
        return new Loaded(model, contents.metadata(), optimizerState);
    }

    /** loadStateDict's multi-line report as one line (command-line errors are one line), without its preamble. */
    private static String oneLine(String message) {
        return message.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("Error(s) in loading state dict") && !l.startsWith("The module is unchanged"))
                .collect(java.util.stream.Collectors.joining("; "));
    }
}
