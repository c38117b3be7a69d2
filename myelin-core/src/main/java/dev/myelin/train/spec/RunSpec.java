package dev.myelin.train.spec;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.split.Splits;
import dev.myelin.data.split.TrainTestSplit;
import dev.myelin.optim.CosineAnnealingLR;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.LinearLR;
import dev.myelin.optim.Optimizer;
import dev.myelin.optim.SequentialLR;
import dev.myelin.tensor.Generator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one training run besides its network and optimizer ({@link NetworkConfig}): where the data comes
 * from and how it is cut, how long and how the loop trains, the seed and the threads. {@code myelin train} and
 * {@code myelin tune} take them from the same flags (the CLI's mixin maps each flag to one component), and a tuning
 * objective trains every trial with them, so a setting means the same in a run and in a search's trials. The
 * validation messages name the settings by those flags ({@code --epochs must be >= 1, got 0}); the JSON form
 * ({@link #toJson}, {@link #fromJson}) uses the snake_case names of run and search records.
 *
 * @param data the data source as the CLI names it ({@code moons}, {@code csv:FILE}, ...); null when the caller
 *     supplies the rows itself
 * @param label the target column of {@code csv:} data; null for other data
 * @param task for {@code csv:} data: auto, classification or regression
 * @param subset use only this many training examples (seeded draw); null for all
 * @param valFraction the part of the training examples held out for validation, in [0, 1); 0 for none (0.1 when
 *     early stopping is on, see {@link #validationFraction})
 * @param epochs epochs to train, at least 1
 * @param accumulate batches per optimizer step (gradient accumulation), at least 1
 * @param clipGradNorm the largest global L2 norm of the gradients, 0 for no clipping
 * @param earlyStopping patience in epochs for early stopping on val_loss (best weights kept); null for none
 * @param lrSchedule constant or cosine (decay to 0 over the run's optimizer steps after the warm-up)
 * @param warmup optimizer steps of linear learning-rate warm-up, at least 0
 * @param seed the one seed of every random choice in the run
 * @param threads compute threads; null for the default (all cores or MYELIN_THREADS)
 */
public record RunSpec(
        String data,
        String label,
        String task,
        Integer subset,
        double valFraction,
        int epochs,
        int accumulate,
        double clipGradNorm,
        Integer earlyStopping,
        String lrSchedule,
        int warmup,
        long seed,
        Integer threads) {

    // before DEFAULTS, whose construction checks against it
    private static final Set<String> TASKS = Set.of("auto", "classification", "regression");

    /** More threads than this is a typo, not a machine: each one is an OS thread with its own stack. */
    public static final int MAX_THREADS = 1024;

    /** The validation fraction a run with early stopping and no explicit fraction holds out. */
    public static final double EARLY_STOPPING_VAL_FRACTION = 0.1;

    /** The test fraction cut from a data set that has no test part of its own. */
    public static final double TEST_FRACTION = 0.2;

    /** The defaults of {@code myelin train}: 10 epochs, no accumulation, clipping, early stopping or schedule, seed 42. */
    public static final RunSpec DEFAULTS =
            new RunSpec(null, null, "auto", null, 0, 10, 1, 0, null, "constant", 0, 42, null);

    /** The JSON names, in the order {@link #toJson} writes them (taken from it: the names are spelled once). */
    public static final List<String> NAMES = List.copyOf(DEFAULTS.toJson().keySet());

    /** Checks every setting, naming its flag and the value given. */
    public RunSpec {
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        if (accumulate < 1) throw new IllegalArgumentException("--accumulate must be >= 1 batch, got " + accumulate);
        if (!(clipGradNorm >= 0) || Double.isInfinite(clipGradNorm))
            throw new IllegalArgumentException(
                    "--clip-grad-norm must be a finite number >= 0 (0 = off), got " + clipGradNorm);
        if (lrSchedule == null || (!lrSchedule.equals("constant") && !lrSchedule.equals("cosine")))
            throw new IllegalArgumentException("--lr-schedule: unknown '" + lrSchedule + "'; use constant or cosine");
        if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0 steps, got " + warmup);
        if (!(valFraction >= 0 && valFraction < 1))
            throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + valFraction);
        if (earlyStopping != null && earlyStopping < 0)
            throw new IllegalArgumentException("--early-stopping must be >= 0 epochs, got " + earlyStopping);
        if (subset != null && subset < 1) throw new IllegalArgumentException("--subset must be >= 1, got " + subset);
        if (threads != null && (threads < 1 || threads > MAX_THREADS))
            throw new IllegalArgumentException("--threads must be in [1, " + MAX_THREADS + "], got " + threads);
        if (label != null && data != null && !data.startsWith("csv:"))
            throw new IllegalArgumentException("--label applies to csv: data only; " + data + " has its own labels");
        if (task == null || !TASKS.contains(task))
            throw new IllegalArgumentException(
                    "--task: unknown '" + task + "'; use auto, classification or regression");
    }

    /** {@return the fraction held out for validation: valFraction, or 0.1 when early stopping is on and it is 0} */
    public double validationFraction() {
        return earlyStopping != null && valFraction == 0 ? EARLY_STOPPING_VAL_FRACTION : valFraction;
    }

    /**
     * Cuts a data set as every run does: first the subset (drawn from {@code subsetDraws}, rows kept in their
     * order), then, when the data set has no test part, a test part of {@link #TEST_FRACTION} (drawn from
     * {@code Generator(seed)}), then the validation part (from {@code Generator(seed + 1)}) of the rest. Stratified
     * on the targets for classification.
     *
     * @param train the data set's training examples
     * @param test its test examples, or null when it has none
     * @param classification whether the targets are class labels (the splits are then stratified)
     * @param subsetDraws the generator the subset is drawn from (a run's own generator, so its later draws follow)
     * @return the training, validation (null when none is held out) and test examples
     */
    public RunData split(TensorDataset train, TensorDataset test, boolean classification, Generator subsetDraws) {
        if (subset != null) train = randomSubset(train, subset, subsetDraws);
        if (test == null) {
            TrainTestSplit s = Splits.trainTestSplit(
                    train.features(), train.targets(), TEST_FRACTION, new Generator(seed), classification);
            train = new TensorDataset(s.xTrain(), s.yTrain());
            test = new TensorDataset(s.xTest(), s.yTest());
        }
        double vf = validationFraction();
        TensorDataset val = null;
        if (vf > 0) {
            TrainTestSplit s = Splits.trainTestSplit(
                    train.features(), train.targets(), vf, new Generator(seed + 1), classification);
            train = new TensorDataset(s.xTrain(), s.yTrain());
            val = new TensorDataset(s.xTest(), s.yTest());
        }
        return new RunData(train, val, test);
    }

    /** n examples drawn without replacement, in their original order; all of them when there are no more. */
    private static TensorDataset randomSubset(TensorDataset data, int n, Generator gen) {
        if (n >= data.size()) return data;
        int[] pick = Arrays.copyOf(gen.permutation(data.size()), n);
        Arrays.sort(pick);
        return data.subset(pick);
    }

    /**
     * {@return the optimizer steps of one epoch over trainSize examples in batches of batchSize}
     *
     * @param trainSize the training examples
     * @param batchSize the examples per batch
     */
    public long optimizerStepsPerEpoch(int trainSize, int batchSize) {
        long batches = (trainSize + (long) batchSize - 1) / batchSize;
        return (batches + accumulate - 1) / accumulate;
    }

    /**
     * The learning-rate schedule, stepped after every optimizer step, over a run of {@code totalSteps} optimizer
     * steps; null for a constant rate without warm-up. As PyTorch:
     * {@code SequentialLR([LinearLR(1/(W+1), 1, W), CosineAnnealingLR(total − W)], [W])}.
     *
     * @param opt the optimizer whose rate is scheduled
     * @param totalSteps the run's optimizer steps (epochs × {@link #optimizerStepsPerEpoch})
     * @return the schedule, or null
     */
    public LRScheduler scheduler(Optimizer opt, long totalSteps) {
        boolean cosine = lrSchedule.equals("cosine");
        if (warmup == 0 && !cosine) return null;
        if (cosine && warmup >= totalSteps)
            throw new IllegalArgumentException(
                    "--warmup " + warmup + " leaves no steps for the cosine decay: the run has " + totalSteps
                            + " optimizer steps (epochs x batches per epoch / --accumulate)");
        if (totalSteps > Integer.MAX_VALUE)
            throw new IllegalArgumentException(
                    "--lr-schedule: " + totalSteps + " optimizer steps are too many to schedule");
        if (warmup == 0) return new CosineAnnealingLR(opt, (int) totalSteps);
        return cosine
                ? warmupCosine(opt, warmup, (int) totalSteps)
                : new LinearLR(opt, 1.0 / (warmup + 1), 1.0, warmup);
    }

    /**
     * A linear warm-up over {@code warmup} steps (from lr/(warmup+1) to lr), then a cosine decay to 0 at step
     * {@code total}.
     *
     * @param opt the optimizer whose rate is scheduled
     * @param warmup the warm-up steps, at least 1
     * @param total the steps of the whole schedule, more than warmup
     * @return the schedule
     */
    public static LRScheduler warmupCosine(Optimizer opt, int warmup, int total) {
        LinearLR warm = new LinearLR(opt, 1.0 / (warmup + 1), 1.0, warmup);
        return new SequentialLR(opt, List.of(warm, new CosineAnnealingLR(opt, total - warmup)), new int[] {warmup});
    }

    /** {@return the settings by their JSON names ({@link #NAMES}, in that order; unset ones as null)} */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("label", label);
        m.put("task", task);
        m.put("subset", subset);
        m.put("val_fraction", valFraction);
        m.put("epochs", epochs);
        m.put("accumulate", accumulate);
        m.put("clip_grad_norm", clipGradNorm);
        m.put("early_stopping_patience", earlyStopping);
        m.put("lr_schedule", lrSchedule);
        m.put("warmup", warmup);
        m.put("seed", seed);
        m.put("threads", threads);
        return m;
    }

    /**
     * Reads the JSON form: missing or null names take their {@link #DEFAULTS}; an unknown name fails, naming it.
     *
     * @param json settings by their JSON names, values as Jackson reads them (numbers, strings, null)
     * @return the specification, checked
     */
    public static RunSpec fromJson(Map<String, ?> json) {
        for (String name : json.keySet())
            if (!NAMES.contains(name))
                throw new IllegalArgumentException("unknown run setting '" + name + "'; known: " + NAMES);
        RunSpec d = DEFAULTS;
        return new RunSpec(
                text(json, "data", d.data),
                text(json, "label", d.label),
                text(json, "task", d.task),
                json.get("subset") == null ? d.subset : (Integer) intValue(json, "subset"),
                json.get("val_fraction") == null ? d.valFraction : number(json, "val_fraction"),
                json.get("epochs") == null ? d.epochs : intValue(json, "epochs"),
                json.get("accumulate") == null ? d.accumulate : intValue(json, "accumulate"),
                json.get("clip_grad_norm") == null ? d.clipGradNorm : number(json, "clip_grad_norm"),
                json.get("early_stopping_patience") == null
                        ? d.earlyStopping
                        : (Integer) intValue(json, "early_stopping_patience"),
                text(json, "lr_schedule", d.lrSchedule),
                json.get("warmup") == null ? d.warmup : intValue(json, "warmup"),
                json.get("seed") == null ? d.seed : longValue(json, "seed"),
                json.get("threads") == null ? d.threads : (Integer) intValue(json, "threads"));
    }

    private static String text(Map<String, ?> json, String name, String fallback) {
        Object v = json.get(name);
        if (v == null) return fallback;
        if (!(v instanceof String s))
            throw new IllegalArgumentException("run setting '" + name + "' must be a string, got " + v);
        return s;
    }

    private static double number(Map<String, ?> json, String name) {
        if (!(json.get(name) instanceof Number n))
            throw new IllegalArgumentException("run setting '" + name + "' must be a number, got " + json.get(name));
        return n.doubleValue();
    }

    private static long longValue(Map<String, ?> json, String name) {
        Object v = json.get(name);
        if (v instanceof Integer || v instanceof Long || v instanceof Short) return ((Number) v).longValue();
        double d = number(json, name);
        if (d != Math.rint(d) || Math.abs(d) >= 0x1p63)
            throw new IllegalArgumentException("run setting '" + name + "' must be a whole number, got " + d);
        return (long) d;
    }

    private static int intValue(Map<String, ?> json, String name) {
        double v = number(json, name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE)
            throw new IllegalArgumentException("run setting '" + name + "' must be a whole number, got " + v);
        return (int) v;
    }
}
