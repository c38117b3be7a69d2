package dev.myelin.data.idx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.myelin.testing.Fuzzing;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fuzzes the IDX reader (raw and gzip) with arbitrary bytes: every input is read or refused with an IOException on
 * one line naming the file; anything else is a finding. The corpus in IdxFuzzTestInputs replays as a test.
 */
class IdxFuzzTest {
    @FuzzTest
    void readImagesAndLabels(byte[] bytes) {
        Path file = Fuzzing.file("data-idx-ubyte", bytes);
        try {
            IdxReader.readImages(file, true);
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
        try {
            IdxReader.readLabels(file, 256);
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
    }
}
