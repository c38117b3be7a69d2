package dev.myelin.tune;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.myelin.testing.Fuzzing;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Fuzzes the tuner's trial log (trials.jsonl, read on --resume) with arbitrary bytes: each file is read (a torn or
 * corrupt last line dropped) or refused with an IllegalStateException or UncheckedIOException on one line naming
 * the file; anything else is a finding. The corpus in ResultsLogFuzzTestInputs replays as a test.
 */
class ResultsLogFuzzTest {
    @FuzzTest
    void read(byte[] bytes) {
        Path file = Fuzzing.file("trials.jsonl", bytes);
        try {
            ResultsLog.read(file);
        } catch (IllegalStateException | UncheckedIOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
    }
}
