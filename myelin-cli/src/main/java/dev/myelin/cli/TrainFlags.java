package dev.myelin.cli;

/**
 * The checks on {@code myelin train}'s flags that picocli's types cannot make: each failure names the flag, the
 * accepted range and the value given, before any data is read or memory allocated.
 */
final class TrainFlags {
    /** More threads than this is a typo, not a machine: each one is an OS thread with its own stack. */
    static final int MAX_THREADS = 1024;

    private TrainFlags() {}

    static void check(TrainCommand c) {
        if (c.epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + c.epochs);
        if (c.accumulate < 1)
            throw new IllegalArgumentException("--accumulate must be >= 1 batch, got " + c.accumulate);
        if (c.accumulate > 1 && c.checkpointEvery != null && c.checkpointEvery.steps())
            throw new IllegalArgumentException(
                    "--checkpoint-every " + c.checkpointEvery + " with --accumulate " + c.accumulate
                            + ": a checkpoint between batches could fall inside an accumulation group, whose summed gradients it does not save; "
                            + "checkpoint every N epochs instead");
        if (!(c.clipGradNorm >= 0) || Double.isInfinite(c.clipGradNorm))
            throw new IllegalArgumentException(
                    "--clip-grad-norm must be a finite number >= 0 (0 = off), got " + c.clipGradNorm);
        c.optimizer.checkSchedule();
        if (c.batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + c.batchSize);
        if (!(c.valFraction >= 0 && c.valFraction < 1))
            throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + c.valFraction);
        if (c.patience != null && c.patience < 0)
            throw new IllegalArgumentException("--early-stopping must be >= 0 epochs, got " + c.patience);
        if (c.subset != null && c.subset < 1)
            throw new IllegalArgumentException("--subset must be >= 1, got " + c.subset);
        if (c.threads != null && (c.threads < 1 || c.threads > MAX_THREADS))
            throw new IllegalArgumentException("--threads must be in [1, " + MAX_THREADS + "], got " + c.threads);
        if (c.out != null && c.out.toString().isBlank())
            throw new IllegalArgumentException("--out must name a directory, got '" + c.out + "'");
        if (c.label != null && !c.data.startsWith("csv:"))
            throw new IllegalArgumentException("--label applies to csv: data only; " + c.data + " has its own labels");
        if (!(c.optimizer.momentum >= 0) || Double.isInfinite(c.optimizer.momentum))
            throw new IllegalArgumentException("--momentum must be a finite number >= 0, got " + c.optimizer.momentum);
    }
}
