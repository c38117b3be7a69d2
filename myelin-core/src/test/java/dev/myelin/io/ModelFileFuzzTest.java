package dev.myelin.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.myelin.testing.Fuzzing;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fuzzes the safetensors reader and the model loader with arbitrary bytes. Every input must load, or be refused
 * with a ModelFileException (an IOException) on one line naming the file; anything else (a runtime exception, an
 * OutOfMemoryError, a hang) is a finding. The corpus in ModelFileFuzzTestInputs replays as a test.
 */
class ModelFileFuzzTest {
    @FuzzTest
    void loadModel(byte[] bytes) {
        Path file = Fuzzing.file("model.safetensors", bytes);
        try {
            ModelFile.load(file);
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
        try {
            SafeTensors.fromBytes(bytes, "bytes");
        } catch (ModelFileException e) {
            Fuzzing.assertCleanRefusal(e, Path.of("bytes"));
        }
    }
}
