package dev.myelin.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.myelin.io.ModelFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged ONNX files (bytes changed, cut short, inserted) either import or are refused with a
 * {@link ModelFileException} naming the file: never another exception, an OutOfMemoryError or a hang. A seeded
 * mutation test of the importer (the Jazzer campaigns cover core's readers only).
 */
class HostileOnnxTest {
    @TempDir
    Path dir;

    @Test
    void damagedFilesAreRefusedWithTheFileNamed() throws IOException {
        SplittableRandom random = new SplittableRandom(21);
        int refused = 0, imported = 0;
        for (String name : new String[] {"mlp.onnx", "lenet.onnx"}) {
            byte[] original = Files.readAllBytes(Reference.file(name));
            for (int i = 0; i < 150; i++) {
                byte[] damaged = mutate(original, random);
                Path file = dir.resolve("damaged-" + i + "-" + name);
                Files.write(file, damaged);
                try {
                    OnnxImporter.read(file);
                    imported++;
                } catch (ModelFileException e) {
                    assertThat(e.getMessage()).contains(file.toString());
                    refused++;
                } catch (RuntimeException | OutOfMemoryError e) {
                    fail("mutation " + i + " of " + name + " threw " + e, e);
                }
            }
        }
        assertThat(refused).isPositive();
        assertThat(refused + imported).isEqualTo(300);
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        // damage the graph's structure rather than the weights, which are most of the bytes
        int limit = Math.min(original.length, 4096);
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] b = original.clone();
                for (int k = 0, n = 1 + random.nextInt(8); k < n; k++)
                    b[random.nextInt(limit)] = (byte) random.nextInt(256);
                yield b;
            }
            case 1 -> Arrays.copyOf(original, random.nextInt(original.length));
            case 2 -> {
                byte[] b = original.clone();
                int at = original.length - 1 - random.nextInt(Math.min(original.length, 2048));
                b[at] = (byte) random.nextInt(256);
                yield b;
            }
            default -> {
                int at = random.nextInt(limit);
                byte[] b = new byte[original.length + 4];
                System.arraycopy(original, 0, b, 0, at);
                for (int k = 0; k < 4; k++) b[at + k] = (byte) random.nextInt(256);
                System.arraycopy(original, at, b, at + 4, original.length - at);
                yield b;
            }
        };
    }
}
