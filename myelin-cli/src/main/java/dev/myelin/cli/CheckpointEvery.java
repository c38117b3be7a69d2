package dev.myelin.cli;

import dev.myelin.train.ModelCheckpoint;
import java.nio.file.Path;
import picocli.CommandLine;

/** The value of {@code --checkpoint-every}: N epochs ({@code 2}, {@code 2epochs}) or N batches ({@code 500steps}). */
record CheckpointEvery(long n, boolean steps) {
    ModelCheckpoint callback(Path file) {
        return steps ? ModelCheckpoint.everySteps(file, n) : ModelCheckpoint.everyEpochs(file, (int) n);
    }

    @Override
    public String toString() {
        return n + (steps ? "steps" : "epochs");
    }

    /** picocli's converter; a bad value is a usage error naming the flag and what it accepts. */
    static final class Converter implements CommandLine.ITypeConverter<CheckpointEvery> {
        @Override
        public CheckpointEvery convert(String value) {
            String v = value.strip();
            boolean steps = v.endsWith("steps") || v.endsWith("step");
            String number = v.replaceFirst("(steps?|epochs?)$", "");
            long n;
            try {
                n = Long.parseLong(number);
            } catch (NumberFormatException e) {
                n = -1;
            }
            long max = steps ? Long.MAX_VALUE : Integer.MAX_VALUE;
            if (n < 1 || n > max)
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not N epochs or N steps: use a whole number from 1 to " + Integer.MAX_VALUE
                                + " for epochs (e.g. 1 or 2epochs) or a number of batches with 'steps' (e.g. 500steps)");
            return new CheckpointEvery(n, steps);
        }
    }
}
