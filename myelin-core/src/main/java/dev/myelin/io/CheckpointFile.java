package dev.myelin.io;

import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The states of several models and optimizers in one safetensors file, as PyTorch's
 * {@code torch.save({"generator": g.state_dict(), "opt_g": opt_g.state_dict(), ...})}: model NAME's tensors
 * under {@code model.NAME.}, optimizer NAME's under {@code optimizer.NAME.}, and the names in the metadata. It
 * holds states, not architectures: {@link #load} copies them into models and optimizers built as before (a
 * single model with its architecture is a {@link ModelFile}). Writing is atomic; loading checks everything and
 * on any error leaves every model and optimizer as it was.
 */
public final class CheckpointFile {
    static final String MODELS_KEY = "myelin.models";
    static final String OPTIMIZERS_KEY = "myelin.optimizers";
    private static final String MODEL_PREFIX = "model.", OPTIMIZER_PREFIX = "optimizer.";

    private CheckpointFile() {}

    /**
     * Writes the models' and optimizers' states and {@code metadata} to {@code file}, atomically.
     *
     * @param file the file to create or replace
     * @param models the models by name (not blank, no '.' or ','); their state dicts are saved, not their architectures
     * @param optimizers the optimizers by name (the same rules)
     * @param metadata the caller's string entries
     * @throws IOException if writing fails; an existing file is then left as it was
     * @throws IllegalArgumentException if a name is blank or holds '.' or ',', or a model or optimizer is null
     */
    public static void save(
            Path file,
            Map<String, ? extends Module> models,
            Map<String, ? extends Optimizer> optimizers,
            Map<String, String> metadata)
            throws IOException {
        save(file, models, optimizers, metadata, Map.of());
    }

    /**
     * As {@link #save(Path, Map, Map, Map)}, plus the tensors of a training run's own state (callbacks' snapshots),
     * stored under {@link StateFile#TRAINING_PREFIX}.
     *
     * @param file the file to create or replace
     * @param models the models by name (not blank, no '.' or ',')
     * @param optimizers the optimizers by name (the same rules)
     * @param metadata the caller's string entries
     * @param trainingState the training run's tensors, by name without the prefix
     * @throws IOException if writing fails; an existing file is then left as it was
     * @throws IllegalArgumentException if a name is blank or holds '.' or ',', or a model or optimizer is null
     */
    public static void save(
            Path file,
            Map<String, ? extends Module> models,
            Map<String, ? extends Optimizer> optimizers,
            Map<String, String> metadata,
            Map<String, Tensor> trainingState)
            throws IOException {
        checkNames(models, "model");
        checkNames(optimizers, "optimizer");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        models.forEach((name, m) -> tensors.putAll(StateFile.prefixed(MODEL_PREFIX + name + ".", m.stateDict())));
        optimizers.forEach(
                (name, o) -> tensors.putAll(StateFile.prefixed(OPTIMIZER_PREFIX + name + ".", o.stateDict())));
        tensors.putAll(StateFile.prefixed(StateFile.TRAINING_PREFIX, trainingState));
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put(MODELS_KEY, String.join(",", models.keySet()));
        meta.put(OPTIMIZERS_KEY, String.join(",", optimizers.keySet()));
        StateFile.save(file, tensors, meta);
    }

    /**
     * Copies the states saved in {@code file} into {@code models} and {@code optimizers}, which must have the saved
     * names, architectures and optimizer types, as PyTorch's {@code model.load_state_dict(ckpt["name"])} for each. On
     * any error every model and optimizer is left as it was.
     *
     * @param file the checkpoint file
     * @param models the models to restore into, by the names they were saved under
     * @param optimizers the optimizers to restore into, by the names they were saved under
     * @return the file's metadata
     * @throws ModelFileException if the names differ from the saved ones, a state does not fit, a weight is not finite,
     *     or the file is corrupt; the message names the file and the problem
     * @throws IOException if the file cannot be read
     */
    public static Map<String, String> load(
            Path file, Map<String, ? extends Module> models, Map<String, ? extends Optimizer> optimizers)
            throws IOException {
        return restore(file, models, optimizers).metadata();
    }

    /**
     * What {@link #restore} read besides the states it copied.
     *
     * @param metadata the file's metadata
     * @param trainingState the tensors saved under {@link StateFile#TRAINING_PREFIX}, the prefix removed
     */
    public record Restored(Map<String, String> metadata, Map<String, Tensor> trainingState) {}

    /**
     * As {@link #load}, also returning the tensors saved under {@link StateFile#TRAINING_PREFIX}. A {@link ModelFile}
     * (one model with at most one optimizer) restores too, into one model and at most one optimizer. Model weights must
     * be finite; a NaN or infinite value is refused naming its tensor.
     *
     * @param file the checkpoint (or model) file
     * @param models the models to restore into, by the names they were saved under
     * @param optimizers the optimizers to restore into, by the names they were saved under
     * @return the metadata and the training state
     * @throws ModelFileException if the names differ from the saved ones, a state does not fit, a weight is not finite,
     *     or the file is corrupt; every model and optimizer is then left as it was
     * @throws IOException if the file cannot be read
     */
    public static Restored restore(
            Path file, Map<String, ? extends Module> models, Map<String, ? extends Optimizer> optimizers)
            throws IOException {
        SafeTensors.Contents contents = StateFile.load(file);
        Map<String, String> meta = contents.metadata();
        Map<String, Map<String, Tensor>> modelStates = new LinkedHashMap<>(), optimizerStates = new LinkedHashMap<>();
        Map<String, Tensor> training = StateFile.withPrefix(StateFile.TRAINING_PREFIX, contents.tensors());
        if (meta.containsKey(MODELS_KEY)) {
            checkSameNames(file, "models", meta.get(MODELS_KEY), models);
            checkSameNames(file, "optimizers", meta.getOrDefault(OPTIMIZERS_KEY, ""), optimizers);
            List<String> stray = new ArrayList<>(contents.tensors().keySet());
            stray.removeIf(k -> k.startsWith(MODEL_PREFIX) && models.containsKey(owner(k, MODEL_PREFIX))
                    || k.startsWith(OPTIMIZER_PREFIX) && optimizers.containsKey(owner(k, OPTIMIZER_PREFIX))
                    || k.startsWith(StateFile.TRAINING_PREFIX));
            if (!stray.isEmpty())
                throw new ModelFileException(
                        file.toString(), "tensors outside the saved models and optimizers: " + stray);
            models.keySet()
                    .forEach(n -> modelStates.put(n, StateFile.withPrefix(MODEL_PREFIX + n + ".", contents.tensors())));
            optimizers
                    .keySet()
                    .forEach(n -> optimizerStates.put(
                            n, StateFile.withPrefix(OPTIMIZER_PREFIX + n + ".", contents.tensors())));
        } else if (meta.containsKey(StateFile.ARCHITECTURE_KEY) && models.size() == 1 && optimizers.size() <= 1) {
            Map<String, Tensor> weights = new LinkedHashMap<>();
            contents.tensors().forEach((k, v) -> {
                if (!k.startsWith(ModelFile.OPTIMIZER_PREFIX) && !k.startsWith(StateFile.TRAINING_PREFIX))
                    weights.put(k, v);
            });
            modelStates.put(models.keySet().iterator().next(), weights);
            Map<String, Tensor> optimizerState = StateFile.withPrefix(ModelFile.OPTIMIZER_PREFIX, contents.tensors());
            if (optimizers.isEmpty() != optimizerState.isEmpty())
                throw new ModelFileException(
                        file.toString(),
                        optimizers.isEmpty()
                                ? "the file holds an optimizer state but no optimizer was given"
                                : "the file holds no optimizer state to restore into " + optimizers.keySet());
            optimizers.keySet().forEach(n -> optimizerStates.put(n, optimizerState));
        } else {
            throw new ModelFileException(
                    file.toString(),
                    "not a Myelin checkpoint (no '" + MODELS_KEY
                            + "' in the safetensors metadata); a single model's file loads with ModelFile.load");
        }
        for (Map<String, Tensor> state : modelStates.values())
            for (var t : state.entrySet()) StateFile.requireFinite(file.toString(), t.getKey(), t.getValue());

        List<Runnable> undo = new ArrayList<>();
        try {
            for (var e : models.entrySet()) {
                Module m = e.getValue();
                Map<String, Tensor> before = StateFile.copyOf(m.stateDict());
                restore(file, "model '" + e.getKey() + "'", m::loadStateDict, modelStates.get(e.getKey()));
                undo.add(() -> m.loadStateDict(before));
            }
            for (var e : optimizers.entrySet()) {
                Optimizer o = e.getValue();
                Map<String, Tensor> before = o.stateDict();
                restore(file, "optimizer '" + e.getKey() + "'", o::loadStateDict, optimizerStates.get(e.getKey()));
                undo.add(() -> o.loadStateDict(before));
            }
        } catch (ModelFileException ex) {
            undo.reversed().forEach(Runnable::run);
            throw ex;
        }
        return new Restored(meta, training);
    }

    private static void restore(Path file, String what, Consumer<Map<String, Tensor>> loader, Map<String, Tensor> state)
            throws ModelFileException {
        try {
            loader.accept(state);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(
                    file.toString(), what + " does not match the saved state: " + e.getMessage(), e);
        }
    }

    /** The NAME of a key PREFIX + NAME + "." + rest. */
    private static String owner(String key, String prefix) {
        int dot = key.indexOf('.', prefix.length());
        return dot < 0 ? "" : key.substring(prefix.length(), dot);
    }

    private static void checkNames(Map<String, ?> byName, String what) {
        for (var e : byName.entrySet()) {
            String n = e.getKey();
            if (n == null || n.isBlank() || n.contains(".") || n.contains(","))
                throw new IllegalArgumentException(
                        "CheckpointFile: " + what + " name '" + n + "' must not be blank or contain '.' or ','");
            if (e.getValue() == null)
                throw new IllegalArgumentException("CheckpointFile: " + what + " '" + n + "' is null");
        }
    }

    private static void checkSameNames(Path file, String what, String saved, Map<String, ?> given)
            throws ModelFileException {
        List<String> savedNames = saved.isEmpty() ? List.of() : Arrays.asList(saved.split(","));
        if (!new HashSet<>(savedNames).equals(given.keySet()))
            throw new ModelFileException(
                    file.toString(),
                    "the checkpoint holds " + what + " " + savedNames + " but " + given.keySet() + " were given");
    }
}
