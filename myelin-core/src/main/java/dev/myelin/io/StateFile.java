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
     * Writes {@code tensors} and {@code metadata} to {@code path} (temp file + fsync + rename), with a checksum of
     * every tensor and of the metadata in the metadata (see {@link #load}).
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
     * Reads all tensors and metadata of a regular file; the file is validated before anything is allocated, and
     * its checksums (when it has them: files from Python or an older Myelin do not) are verified.
     */
    public static SafeTensors.Contents load(Path path) throws IOException {
        SafeTensors.Contents contents = SafeTensors.read(path);
        Checksums.verify(path.toString(), contents);
        return contents;
    }

    /** Refuses a NaN or infinite value in a weight, naming the tensor and the first bad position. */
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
     * Copies the tensors stored in {@code path} into {@code target}'s tensors (e.g. a model's parameters),
     * as PyTorch's {@code load_state_dict(strict=True)}: the names must match exactly and every shape must
     * agree. All of that is checked before any value is copied, so on error nothing has changed.
     *
     * @return the file's metadata
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
                System.arraycopy(src, 0, target.get(e.getKey()).data(), 0, src.length);
            }
        }
    }

    /** The entries of {@code dict} with {@code prefix} put before each name (e.g. "optimizer."). */
    public static Map<String, Tensor> prefixed(String prefix, Map<String, ? extends Tensor> dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        dict.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    /** The entries whose names start with {@code prefix}, with the prefix removed. */
    public static Map<String, Tensor> withPrefix(String prefix, Map<String, ? extends Tensor> dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        dict.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    /** A copy of {@code dict} whose tensors own copies of the values (a snapshot to restore later). */
    public static Map<String, Tensor> copyOf(Map<String, ? extends Tensor> dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        dict.forEach((k, v) -> out.put(k, v.copy()));
        return out;
    }
}
