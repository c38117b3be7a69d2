package dev.myelin.cli;

import dev.myelin.train.spec.RunSpec;

/**
 * The checks on {@code myelin train}'s flags that picocli's types cannot make: each failure names the flag, the
 * accepted range and the value given, before any data is read or memory allocated. The run settings shared with
 * {@code tune} are checked by core's {@link RunSpec} (the same messages from both commands); the rest here.
 */
final class TrainFlags {
    private TrainFlags() {}

    /** {@return the run settings of {@code c}, after checking them and train's own flags} */
    static RunSpec check(TrainCommand c) {
        RunSpec spec = c.run.spec();
        if (spec.accumulate() > 1 && c.checkpointEvery != null && c.checkpointEvery.steps())
            throw new IllegalArgumentException(
                    "--checkpoint-every " + c.checkpointEvery + " with --accumulate " + spec.accumulate()
                            + ": a checkpoint between batches could fall inside an accumulation group, whose summed gradients it does not save; "
                            + "checkpoint every N epochs instead");
        if (c.batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + c.batchSize);
        if (c.out != null && c.out.toString().isBlank())
            throw new IllegalArgumentException("--out must name a directory, got '" + c.out + "'");
        if (!(c.optimizer.momentum >= 0) || Double.isInfinite(c.optimizer.momentum))
            throw new IllegalArgumentException("--momentum must be a finite number >= 0, got " + c.optimizer.momentum);
        return spec;
    }
}
