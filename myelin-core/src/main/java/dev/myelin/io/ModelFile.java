package dev.myelin.io;

import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleSpec;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved model: one safetensors file holding the weights under their PyTorch-style names
 * ({@code model.0.weight}), the optimizer state under {@code optimizer.}, and in the header's
 * metadata the architecture as JSON ({@code myelin.architecture}) plus any caller metadata.
 * Python's {@code safetensors} package reads it as is. Writing is atomic and records a checksum of every
 * tensor and of the metadata; loading validates the file, checks the architecture's parameter shapes against
 * the file's tensor headers before building anything, verifies the checksums, refuses non-finite weights,
 * rebuilds the module and loads every weight, or fails without a half-loaded model.
 */
public final class ModelFile {
    static final String OPTIMIZER_PREFIX = "optimizer.";

    private ModelFile() {}

    /**
     * A loaded model with the file's metadata and the saved optimizer state.
     *
     * @param model the rebuilt module with the saved weights
     * @param metadata the file's metadata: the caller's entries and Myelin's own ({@code myelin.architecture}, ...)
     * @param optimizerState the optimizer's state dict, names without the {@code optimizer.} prefix; empty if none was
     *     saved
     */
    public record Loaded(Module model, Map<String, String> metadata, Map<String, Tensor> optimizerState) {
        /**
         * Restores the saved optimizer state into {@code optimizer}, which must be of the saved type and built over
         * this model's parameters, as {@code optimizer.load_state_dict(...)}.
         *
         * @param optimizer the optimizer to restore into
         * @throws IllegalStateException if the file holds no optimizer state
         * @throws IllegalArgumentException if the state does not fit the optimizer
         */
        public void restoreOptimizer(Optimizer optimizer) {
            if (optimizerState.isEmpty()) throw new IllegalStateException("the model file holds no optimizer state");
            optimizer.loadStateDict(optimizerState);
        }
    }

    /**
     * Saves {@code model} (its architecture and weights) to {@code file}, atomically; {@link #load} rebuilds it. Every
     * module type in it must be registered ({@code ModuleRegistry}: the built-in ones are, a class of your own
     * registers its {@code ModuleType}).
     * <pre>{@code
     * ModelFile.save(Path.of("model.safetensors"), model);
     * Module again = ModelFile.load(Path.of("model.safetensors")).model();
     * }</pre>
     *
     * @param file the file to create or replace
     * @param model the module to save
     * @throws IOException if writing fails; an existing file is then left as it was
     * @throws IllegalArgumentException if a module type in {@code model} is not registered
     */
    public static void save(Path file, Module model) throws IOException {
        save(file, model, null, Map.of());
    }

    /**
     * Saves {@code model} and the optimizer's state (restored by {@link Loaded#restoreOptimizer}), atomically.
     *
     * @param file the file to create or replace
     * @param model the module to save
     * @param optimizer the optimizer whose state to save, or null for none
     * @throws IOException if writing fails; an existing file is then left as it was
     * @throws IllegalArgumentException if a module type in {@code model} is not registered
     */
    public static void save(Path file, Module model, Optimizer optimizer) throws IOException {
        save(file, model, optimizer, Map.of());
    }

    /**
     * Saves {@code model}, the optimizer's state and string metadata (returned by {@link #load}), atomically.
     *
     * @param file the file to create or replace
     * @param model the module to save
     * @param optimizer the optimizer whose state to save, or null for none
     * @param metadata the caller's entries (Myelin's own, such as {@code myelin.architecture}, replace ones of the same
     *     name)
     * @throws IOException if writing fails; an existing file is then left as it was
     * @throws IllegalArgumentException if a module type in {@code model} is not registered
     */
    public static void save(Path file, Module model, Optimizer optimizer, Map<String, String> metadata)
            throws IOException {
        save(file, model, optimizer, metadata, Map.of());
    }

    /**
     * As {@link #save(Path, Module, Optimizer, Map)}, plus the tensors of a training run's own state under
     * {@link StateFile#TRAINING_PREFIX} (a checkpoint that {@link CheckpointFile#restore} resumes from); loading the
     * file as a model ignores them.
     *
     * @param file the file to create or replace
     * @param model the module to save
     * @param optimizer the optimizer whose state to save, or null for none
     * @param metadata the caller's entries
     * @param trainingState the training run's tensors, by name without the prefix
     * @throws IOException if writing fails; an existing file is then left as it was
     * @throws IllegalArgumentException if a module type in {@code model} is not registered
     */
    public static void save(
            Path file,
            Module model,
            Optimizer optimizer,
            Map<String, String> metadata,
            Map<String, Tensor> trainingState)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(model.stateDict());
        if (optimizer != null) optimizer.stateDict().forEach((k, v) -> tensors.put(OPTIMIZER_PREFIX + k, v));
        tensors.putAll(StateFile.prefixed(StateFile.TRAINING_PREFIX, trainingState));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(StateFile.ARCHITECTURE_KEY, Architecture.toJson(model));
        if (optimizer != null) meta.put("myelin.optimizer", optimizer.getClass().getSimpleName());
        StateFile.save(file, tensors, meta);
    }

    /**
     * Loads a model file written by {@link #save}: rebuilds the module from its architecture and loads every weight.
     * The architecture is validated and its parameter and buffer shapes, computed from the JSON without allocating, are
     * checked against the tensors the file's header declares before the module is built, so a file can never make the
     * loader allocate more than it holds. The checksums are verified and the weights must be finite.
     *
     * @param file the model file
     * @return the model, the metadata and the optimizer state
     * @throws ModelFileException if the file is not a Myelin model file (a bare state dict has no architecture: build
     *     the module and use {@link StateFile#loadInto}), is corrupt, or its weights do not match its architecture; the
     *     message names the file and the problem
     * @throws IOException if the file cannot be read
     */
    public static Loaded load(Path file) throws IOException {
        SafeTensors.Header header = SafeTensors.readHeader(file);
        String json = header.metadata().get(StateFile.ARCHITECTURE_KEY);
        if (json == null)
            throw new ModelFileException(
                    file.toString(),
                    "not a Myelin model file (no '" + StateFile.ARCHITECTURE_KEY
                            + "' in the safetensors metadata); it may be a bare state dict: build the module yourself and call loadStateDict");
        ModuleSpec spec;
        try {
            spec = Architecture.parse(json);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file.toString(), "invalid architecture: " + e.getMessage(), e);
        }
        Map<String, int[]> stored = new LinkedHashMap<>();
        header.shapes().forEach((k, v) -> {
            if (!k.startsWith(OPTIMIZER_PREFIX) && !k.startsWith(StateFile.TRAINING_PREFIX)) stored.put(k, v);
        });
        checkShapes(file.toString(), spec.stateShapes().asMap(), stored);

        SafeTensors.Contents contents = StateFile.load(file);
        Module model;
        try {
            model = spec.build(new Generator(0));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file.toString(), "invalid architecture: " + e.getMessage(), e);
        }
        Map<String, Tensor> weights = new LinkedHashMap<>(), optimizerState = new LinkedHashMap<>();
        contents.tensors().forEach((k, v) -> {
            if (k.startsWith(OPTIMIZER_PREFIX)) optimizerState.put(k.substring(OPTIMIZER_PREFIX.length()), v);
            else if (!k.startsWith(StateFile.TRAINING_PREFIX)) weights.put(k, v);
        });
        for (var w : weights.entrySet()) StateFile.requireFinite(file.toString(), w.getKey(), w.getValue());
        try {
            model.loadStateDict(weights);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(
                    file.toString(), "weights do not match the architecture: " + oneLine(e.getMessage()), e);
        }
        return new Loaded(model, contents.metadata(), optimizerState);
    }

    /** The architecture's state shapes against the file's tensors: same names, same shapes, or one line naming every difference. */
    private static void checkShapes(String file, Map<String, int[]> needed, Map<String, int[]> stored)
            throws ModelFileException {
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        needed.forEach((k, shape) -> {
            int[] have = stored.get(k);
            if (have == null) missing.add(k + " " + Shapes.str(shape));
            else if (!Arrays.equals(have, shape))
                mismatched.add("size mismatch for " + k + ": the file has " + Shapes.str(have)
                        + ", the architecture needs " + Shapes.str(shape));
        });
        stored.forEach((k, shape) -> {
            if (!needed.containsKey(k)) unexpected.add(k + " " + Shapes.str(shape));
        });
        if (missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty()) return;
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) parts.add("missing tensors " + missing);
        if (!unexpected.isEmpty()) parts.add("unexpected tensors " + unexpected);
        parts.addAll(mismatched);
        throw new ModelFileException(file, "weights do not match the architecture: " + String.join("; ", parts));
    }

    /** loadStateDict's multi-line report as one line (command-line errors are one line), without its preamble. */
    private static String oneLine(String message) {
        return message.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty()
                        && !l.startsWith("Error(s) in loading state dict")
                        && !l.startsWith("The module is unchanged"))
                .collect(java.util.stream.Collectors.joining("; "));
    }
}
