package dev.myelin.io;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads named tensors (a model's or optimizer's state dict) plus string metadata as one
 * {@code .safetensors} file, written atomically. A model's architecture JSON travels in the metadata under
 * {@link #ARCHITECTURE_KEY}; several state dicts can share one file under key prefixes (see {@link #prefixed}).
 */
public final class StateFile {
    /** Metadata key under which the model's architecture JSON is stored. */
    public static final String ARCHITECTURE_KEY = "myelin.architecture";
    /** Metadata key for the safetensors "format" hint; Python's loader reads "pt" files as PyTorch tensors. */
    public static final String FORMAT_KEY = "format";
    /** Key prefix of the tensors of a training run's own state (callbacks' snapshots) in a checkpoint. */
    public static final String TRAINING_PREFIX = "train.";

    private StateFile() {}

    /**
     * Writes {@code tensors} and {@code metadata} to {@code path} as safetensors (temp file + fsync + rename), with a
     * checksum of every tensor and of the metadata in the metadata (see {@link #load}); Python's
     * {@code safetensors.torch.load_file} reads it.
     *
     * @param path the file to create or replace
     * @param tensors the tensors by name; each must be compact (an op's output or a parameter, not a view)
     * @param metadata string entries stored in the header ({@link #FORMAT_KEY} defaults to "pt")
     * @throws IOException if writing fails; an existing file is then left as it was
     * @throws IllegalArgumentException if a name is empty or {@code "__metadata__"}
     */
    public static void save(Path path, Map<String, ? extends Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.putIfAbsent(FORMAT_KEY, "pt");
        meta.remove(Checksums.KEY);
        meta.put(Checksums.KEY, Checksums.record(SafeTensors.checksums(tensors), meta));
        SafeTensors.write(path, tensors, meta);
    }

    /**
     * Reads all tensors and metadata of a regular file; the file is validated before anything is allocated, and its
     * checksums (when it has them: files from Python or an older Myelin do not) are verified.
     *
     * @param path the safetensors file
     * @return the tensors, the metadata and the tensors' checksums
     * @throws ModelFileException if the file is malformed or fails a checksum; the message names the file and the
     *     tensor
     * @throws IOException if the file cannot be read or is not a regular file
     */
    public static SafeTensors.Contents load(Path path) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(path);
        Checksums.verify(path.toString(), contents);
        return contents;
    }

    /**
     * Refuses a NaN or infinite value in a weight, naming the tensor and the first bad position.
     *
     * @param file the file the tensor came from, for the message
     * @param name the tensor's name, for the message
     * @param t the tensor to check; it must be compact
     * @throws ModelFileException if a value is NaN or infinite
     */
    public static void requireFinite(String file, String name, Tensor t) throws ModelFileException {
        float[] v = t.data();
        for (int i = 0; i < v.length; i++)
            if (!Float.isFinite(v[i]))
                throw new ModelFileException(
                        file,
                        "tensor '" + name + "' holds " + v[i] + " at flat index " + i
                                + "; a model's weights must be finite (the training that wrote it diverged, or the file is corrupt)");
    }

    /**
     * Copies the tensors stored in {@code path} into {@code target}'s tensors (e.g. a model's parameters), as PyTorch's
     * {@code load_state_dict(strict=True)}: the names must match exactly and every shape must agree. All of that is
     * checked before any value is copied, so on error nothing has changed.
     * <pre>{@code
     * StateFile.loadInto(Path.of("weights.safetensors"), model.stateDict());
     * }</pre>
     *
     * @param path the safetensors file
     * @param target the tensors to fill, by name; each must be compact
     * @return the file's metadata
     * @throws ModelFileException if names are missing or unexpected or shapes differ (the message lists every
     *     difference), or the file is malformed
     * @throws IOException if the file cannot be read
     */
    public static Map<String, String> loadInto(Path path, Map<String, ? extends Tensor> target) throws IOException {
        SafeTensors.Contents contents = load(path);
        copyInto(path.toString(), contents.tensors(), target);
        return contents.metadata();
    }

    static void copyInto(String file, Map<String, Tensor> source, Map<String, ? extends Tensor> target)
            throws ModelFileException {
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        for (String name : target.keySet()) if (!source.containsKey(name)) missing.add(name);
        for (var e : source.entrySet()) {
            Tensor t = target.get(e.getKey());
            if (t == null) unexpected.add(e.getKey());
            else if (!Arrays.equals(t.shape(), e.getValue().shape()))
                mismatched.add("'" + e.getKey() + "' is "
                        + Arrays.toString(e.getValue().shape()) + " in the file but " + Arrays.toString(t.shape())
                        + " here");
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder msg = new StringBuilder("state does not match the target");
            if (!missing.isEmpty()) msg.append("; missing tensors: ").append(missing);
            if (!unexpected.isEmpty()) msg.append("; unexpected tensors: ").append(unexpected);
            if (!mismatched.isEmpty()) msg.append("; shape mismatches: ").append(String.join(", ", mismatched));
            throw new ModelFileException(file, msg.toString());
        }
        try (var ignored = NoGrad.enter()) {
            for (var e : source.entrySet()) {
                float[] src = e.getValue().data();
                Tensor t = target.get(e.getKey());
                System.arraycopy(src, 0, t.data(), 0, src.length);
                t.bumpVersion(); // as copy_: a graph that saved the old values for backward must notice
            }
        }
    }

    /**
     * The entries of {@code dict} with {@code prefix} put before each name (e.g. "optimizer."), so several state dicts
     * can share one file; {@link #withPrefix} takes them apart again.
     *
     * @param prefix the text to put before each name
     * @param dict the tensors by name (not copied)
     * @return a new map in {@code dict}'s order
     */
    public static Map<String, Tensor> prefixed(String prefix, Map<String, ? extends Tensor> dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        dict.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    /**
     * The entries whose names start with {@code prefix}, with the prefix removed.
     *
     * @param prefix the prefix to select and remove
     * @param dict the tensors by name (not copied)
     * @return a new map in {@code dict}'s order
     */
    public static Map<String, Tensor> withPrefix(String prefix, Map<String, ? extends Tensor> dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        dict.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    /**
     * A copy of {@code dict} whose tensors own copies of the values (a snapshot to restore later).
     *
     * @param dict the tensors by name
     * @return a new map of compact copies, in {@code dict}'s order
     */
    public static Map<String, Tensor> copyOf(Map<String, ? extends Tensor> dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        dict.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }
}
