package dev.myelin.train;

import dev.myelin.io.ModelFileException;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a fit is and everything it carries besides the weights and optimizer states, as a training checkpoint
 * stores it: metadata strings under {@code myelin.train.} (numbers as {@link Double#toString}, which round-trips
 * exactly) and the callbacks' tensors. Reading checks every key and names the one that is wrong.
 *
 * @param epoch          the current epoch, from 1
 * @param batch          the batches of that epoch already trained
 * @param epochDone      whether that epoch's validation, logs and callbacks have run
 * @param step           batches trained since the fit began
 * @param sums           the epoch's running metric sums (the trainer's order of train metrics)
 * @param seen           samples of the epoch so far
 * @param lrs            the learning rates at the start of the epoch (what its logs report)
 * @param dataEpochStart the train loader's generator before the epoch drew its order, which draws it again
 * @param generators     every random stream of the fit (loaders, stochastic modules, the step's own), by name
 * @param history        the finished epochs' logs
 * @param stopReason     why a callback asked to stop, or null
 * @param firstLosses    each loss's first batch value, the reference of the divergence bound
 * @param callbacks      each callback's class name and state, in the trainer's order
 * @param samplesPerEpoch the train loader's samples, to recognize other data
 * @param batchesPerEpoch the train loader's batches an epoch
 */
record TrainingState(
        int epoch,
        int batch,
        boolean epochDone,
        long step,
        double[] sums,
        int seen,
        double[] lrs,
        Generator.State dataEpochStart,
        Map<String, Generator.State> generators,
        List<EpochLogs> history,
        String stopReason,
        Map<String, Double> firstLosses,
        List<Map.Entry<String, CallbackState>> callbacks,
        int samplesPerEpoch,
        int batchesPerEpoch) {
    private static final String P = "myelin.train.";
    private static final String RNG = P + "rng.", FIRST_LOSS = P + "first_loss.", CALLBACK = P + "callback.";
    private static final String CALLBACK_TENSORS = "callback.";

    Map<String, String> toMetadata(List<String> logNames) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(P + "epoch", Integer.toString(epoch));
        m.put(P + "batch", Integer.toString(batch));
        m.put(P + "epoch_done", Boolean.toString(epochDone));
        m.put(P + "step", Long.toString(step));
        m.put(P + "samples_per_epoch", Integer.toString(samplesPerEpoch));
        m.put(P + "batches_per_epoch", Integer.toString(batchesPerEpoch));
        m.put(P + "sums", join(sums));
        m.put(P + "seen", Integer.toString(seen));
        m.put(P + "lrs", join(lrs));
        m.put(P + "data_epoch_start", dataEpochStart.encode());
        generators.forEach((name, s) -> m.put(RNG + name, s.encode()));
        m.put(P + "history", history.stream().map(e -> historyLine(e, logNames)).collect(Collectors.joining("\n")));
        if (stopReason != null) m.put(P + "stop_reason", stopReason);
        firstLosses.forEach((name, v) -> m.put(FIRST_LOSS + name, Double.toString(v)));
        m.put(P + "callbacks", callbacks.stream().map(Map.Entry::getKey).collect(Collectors.joining(",")));
        for (int i = 0; i < callbacks.size(); i++) {
            String prefix = CALLBACK + i + ".";
            callbacks.get(i).getValue().values().forEach((k, v) -> m.put(prefix + k, v));
        }
        return m;
    }

    Map<String, Tensor> toTensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (int i = 0; i < callbacks.size(); i++) {
            String prefix = CALLBACK_TENSORS + i + ".";
            callbacks.get(i).getValue().tensors().forEach((k, v) -> t.put(prefix + k, v));
        }
        return t;
    }

    /** epoch, the logged values in order, seconds, samples per second. */
    private static String historyLine(EpochLogs e, List<String> logNames) {
        StringBuilder sb = new StringBuilder(Integer.toString(e.epoch()));
        for (String n : logNames) sb.append(',').append(e.values().get(n));
        return sb.append(',')
                .append(e.seconds())
                .append(',')
                .append(e.samplesPerSecond())
                .toString();
    }

    private static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    /** Whether a checkpoint's metadata holds a training state (a plain model file does not). */
    static boolean presentIn(Map<String, String> metadata) {
        return metadata.containsKey(P + "epoch");
    }

    /** Reads the state back; {@code logNames} are the trainer's, which the history's lines must match. */
    static TrainingState parse(
            String file, Map<String, String> m, Map<String, Tensor> tensors, List<String> logNames, int trainMetrics)
            throws ModelFileException {
        Reader r = new Reader(file, m);
        int epoch = r.integer("epoch", 1);
        int batch = r.integer("batch", 0);
        boolean epochDone = r.bool("epoch_done");
        long step = r.longInt("step");
        int samples = r.integer("samples_per_epoch", 0), batches = r.integer("batches_per_epoch", 0);
        double[] sums = r.doubles("sums", trainMetrics);
        int seen = r.integer("seen", 0);
        double[] lrs = r.doubles("lrs", -1);
        Generator.State dataStart = r.generator("data_epoch_start");
        Map<String, Generator.State> generators = new LinkedHashMap<>();
        for (String k : m.keySet())
            if (k.startsWith(RNG)) generators.put(k.substring(RNG.length()), r.generator(k.substring(P.length())));
        List<EpochLogs> history = new ArrayList<>();
        String text = r.text("history");
        if (!text.isEmpty()) for (String line : text.split("\n", -1)) history.add(r.epochLogs(line, logNames));
        String stop = m.get(P + "stop_reason");
        Map<String, Double> first = new LinkedHashMap<>();
        for (String k : m.keySet())
            if (k.startsWith(FIRST_LOSS))
                first.put(k.substring(FIRST_LOSS.length()), r.number(k.substring(P.length())));
        List<Map.Entry<String, CallbackState>> callbacks = new ArrayList<>();
        String names = r.text("callbacks");
        List<String> classes = names.isEmpty() ? List.of() : List.of(names.split(",", -1));
        for (int i = 0; i < classes.size(); i++) {
            String vp = CALLBACK + i + ".", tp = CALLBACK_TENSORS + i + ".";
            Map<String, String> values = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (k.startsWith(vp)) values.put(k.substring(vp.length()), v);
            });
            Map<String, Tensor> ts = new LinkedHashMap<>();
            tensors.forEach((k, v) -> {
                if (k.startsWith(tp)) ts.put(k.substring(tp.length()), v);
            });
            callbacks.add(Map.entry(classes.get(i), new CallbackState(values, ts)));
        }
        for (String k : tensors.keySet()) {
            String rest = k.startsWith(CALLBACK_TENSORS) ? k.substring(CALLBACK_TENSORS.length()) : "";
            int dot = rest.indexOf('.');
            if (dot < 0 || !isIndex(rest.substring(0, dot), classes.size()))
                throw new ModelFileException(
                        file, "training state tensor '" + k + "' belongs to no callback of the checkpoint");
        }
        if (epochDone && batch != 0)
            throw new ModelFileException(
                    file, P + "batch is " + batch + " in a finished epoch; the checkpoint is corrupt");
        return new TrainingState(
                epoch,
                batch,
                epochDone,
                step,
                sums,
                seen,
                lrs,
                dataStart,
                generators,
                history,
                stop,
                first,
                callbacks,
                samples,
                batches);
    }

    private static boolean isIndex(String s, int n) {
        try {
            int i = Integer.parseInt(s);
            return i >= 0 && i < n;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Typed access to the metadata, every failure naming the file and the key. */
    private record Reader(String file, Map<String, String> m) {
        String text(String key) throws ModelFileException {
            String v = m.get(P + key);
            if (v == null) throw new ModelFileException(file, "the training checkpoint has no '" + P + key + "'");
            return v;
        }

        ModelFileException bad(String key, String what) {
            return new ModelFileException(file, "'" + P + key + "' " + what + ", got '" + m.get(P + key) + "'");
        }

        int integer(String key, int min) throws ModelFileException {
            long v = longInt(key);
            if (v < min || v > Integer.MAX_VALUE) throw bad(key, "must be a whole number >= " + min);
            return (int) v;
        }

        long longInt(String key) throws ModelFileException {
            try {
                long v = Long.parseLong(text(key));
                if (v < 0) throw bad(key, "must not be negative");
                return v;
            } catch (NumberFormatException e) {
                throw bad(key, "must be a whole number");
            }
        }

        boolean bool(String key) throws ModelFileException {
            String v = text(key);
            if (!v.equals("true") && !v.equals("false")) throw bad(key, "must be true or false");
            return v.equals("true");
        }

        double number(String key) throws ModelFileException {
            try {
                return Double.parseDouble(text(key));
            } catch (NumberFormatException e) {
                throw bad(key, "must be a number");
            }
        }

        /** Comma-separated numbers; {@code count} of them, or any number when negative. */
        double[] doubles(String key, int count) throws ModelFileException {
            String v = text(key);
            String[] parts = v.isEmpty() ? new String[0] : v.split(",", -1);
            if (count >= 0 && parts.length != count) throw bad(key, "must hold " + count + " numbers");
            double[] out = new double[parts.length];
            try {
                for (int i = 0; i < out.length; i++) out[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw bad(key, "must be comma-separated numbers");
            }
            return out;
        }

        Generator.State generator(String key) throws ModelFileException {
            try {
                return Generator.State.decode(text(key));
            } catch (IllegalArgumentException e) {
                throw bad(key, "is not a generator state (" + e.getMessage() + ")");
            }
        }

        EpochLogs epochLogs(String line, List<String> logNames) throws ModelFileException {
            String[] parts = line.split(",", -1);
            if (parts.length != logNames.size() + 3)
                throw new ModelFileException(
                        file,
                        "'" + P + "history' line '" + line + "' has " + parts.length + " fields; this trainer logs "
                                + (logNames.size() + 3) + " (epoch, " + String.join(", ", logNames)
                                + ", seconds, samples per second)");
            try {
                int epoch = Integer.parseInt(parts[0]);
                Map<String, Double> values = new LinkedHashMap<>();
                for (int i = 0; i < logNames.size(); i++) values.put(logNames.get(i), Double.parseDouble(parts[i + 1]));
                return new EpochLogs(
                        epoch,
                        values,
                        Double.parseDouble(parts[parts.length - 2]),
                        Double.parseDouble(parts[parts.length - 1]));
            } catch (NumberFormatException e) {
                throw new ModelFileException(
                        file, "'" + P + "history' line '" + line + "' holds a field that is not a number");
            }
        }
    }
}
