package dev.myelin.cli;

import dev.myelin.train.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The run settings {@code myelin train} and {@code myelin tune} share, one flag per component of core's
 * {@link RunSpec} (which holds the defaults and the checks): a flag added here is known to both commands, and
 * {@code tune} gives every trial the settings {@code train} would use. The flags' defaults are
 * {@link RunSpec#DEFAULTS}, read through {@link Defaults} (the commands' default provider), not spelled again here.
 * {@code tune} changes two defaults (see {@link TuneCommand}); its search space varies only the network settings.
 */
final class RunOptions {
    /**
     * {@link RunSpec#DEFAULTS} as the defaults of these flags: {@code --name-of-flag} is the JSON name
     * {@code name_of_flag}; flags without a default there (or not there) have none from here.
     */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec o) || !o.longestName().startsWith("--")) return null;
            Object v =
                    RunSpec.DEFAULTS.toJson().get(o.longestName().substring(2).replace('-', '_'));
            if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d))
                return String.valueOf(d.longValue());
            return v == null ? null : String.valueOf(v);
        }
    }

    @Option(
            names = "--data",
            description = "mnist, fashion-mnist, idx:DIR, csv:FILE, text:FILE or a synthetic set (xor, moons, "
                    + "spirals, ...); required (train: unless --resume).")
    String data;

    @Option(names = "--label", description = "Target column for csv: data.")
    String label;

    @Option(
            names = "--task",
            description = "For csv: data: auto (regression when the targets are numbers, not all whole; "
                    + "else classification), classification or regression (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(
            names = "--subset",
            paramLabel = "N",
            description = "Use only N training examples (random, seeded), e.g. for quick runs.")
    Integer subset;

    @Option(
            names = "--val-fraction",
            description = "Part of the training data held out for validation, on which tune scores each trial "
                    + "(default: ${DEFAULT-VALUE}; for train 0.1 when --early-stopping is set).")
    double valFraction;

    @Option(
            names = "--epochs",
            description = "Epochs (for tune: per trial; for halving the largest budget) (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--accumulate",
            paramLabel = "N",
            description = "Gradient accumulation: one optimizer step every N batches, each batch's "
                    + "loss scaled by 1/N, so N batches of B act as one batch of N*B (default: ${DEFAULT-VALUE}).")
    int accumulate;

    @Option(
            names = "--clip-grad-norm",
            paramLabel = "MAX",
            description = "Rescale the gradients when their global L2 norm exceeds MAX "
                    + "(default: ${DEFAULT-VALUE}: off).")
    double clipGradNorm;

    @Option(
            names = "--early-stopping",
            paramLabel = "PATIENCE",
            description = "Stop when val_loss has not improved for PATIENCE epochs and keep the best weights.")
    Integer patience;

    @Option(
            names = "--lr-schedule",
            description = "constant, or cosine: decay to 0 over the run's optimizer steps (after the warm-up) "
                    + "(default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(
            names = "--warmup",
            paramLabel = "STEPS",
            description = "Raise the learning rate linearly over the first STEPS optimizer steps "
                    + "(from lr/(STEPS+1) to lr) (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--seed",
            description = "Seed for initialization, shuffling, dropout, augmentation and (tune) the proposals "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            description = "Compute threads (tune: per trial) (default: all cores or MYELIN_THREADS; tune: cores / P).")
    Integer threads;

    /** {@return the flags as core's run specification, checked (a bad value fails naming its flag)} */
    RunSpec spec() {
        return new RunSpec(
                data,
                label,
                task,
                subset,
                valFraction,
                epochs,
                accumulate,
                clipGradNorm,
                patience,
                schedule,
                warmup,
                seed,
                threads);
    }

    /**
     * The data flags that give {@code spec} to {@code myelin train}: {@code --data}, then those not at train's
     * default ({@code --label}, {@code --task}, {@code --subset}).
     */
    static List<String> dataArgs(RunSpec spec) {
        List<String> a = new ArrayList<>(List.of("--data", spec.data()));
        if (spec.label() != null) a.addAll(List.of("--label", spec.label()));
        if (!spec.task().equals(RunSpec.DEFAULTS.task())) a.addAll(List.of("--task", spec.task()));
        if (spec.subset() != null) a.addAll(List.of("--subset", String.valueOf(spec.subset())));
        return a;
    }

    /**
     * The training-loop flags that give {@code spec} to {@code myelin train}: {@code --epochs} and {@code --seed}
     * always, the others when not at train's default; never the thread count or the validation fraction, which do
     * not change what a final run trains on.
     */
    static List<String> trainingArgs(RunSpec spec) {
        RunSpec d = RunSpec.DEFAULTS;
        List<String> a = new ArrayList<>(List.of("--epochs", String.valueOf(spec.epochs())));
        if (spec.accumulate() != d.accumulate()) a.addAll(List.of("--accumulate", String.valueOf(spec.accumulate())));
        if (spec.clipGradNorm() != d.clipGradNorm())
            a.addAll(List.of("--clip-grad-norm", String.format(Locale.ROOT, "%s", spec.clipGradNorm())));
        if (spec.earlyStopping() != null) a.addAll(List.of("--early-stopping", String.valueOf(spec.earlyStopping())));
        if (!spec.lrSchedule().equals(d.lrSchedule())) a.addAll(List.of("--lr-schedule", spec.lrSchedule()));
        if (spec.warmup() != d.warmup()) a.addAll(List.of("--warmup", String.valueOf(spec.warmup())));
        a.addAll(List.of("--seed", String.valueOf(spec.seed())));
        return a;
    }
}
