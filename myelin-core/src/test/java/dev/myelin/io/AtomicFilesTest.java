package dev.myelin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: complete content or the old file, never a torn one, and no temp files left. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReplaces() throws IOException {
        Path f = dir.resolve("sub/results.json");
        AtomicFiles.writeString(f, "{\"a\": 1}");
        assertThat(Files.readString(f)).isEqualTo("{\"a\": 1}");
        AtomicFiles.writeString(f, "{\"a\": 2}");
        assertThat(Files.readString(f)).isEqualTo("{\"a\": 2}");
        assertThat(Files.list(f.getParent())).containsExactly(f);
    }

    @Test
    void aWriterThatFailsHalfwayLeavesTheOldFileAndNoTempFile() throws IOException {
        Path f = dir.resolve("model.safetensors");
        AtomicFiles.writeString(f, "old complete content");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
                    out.write("new partial".getBytes());
                    throw new IOException("disk full (simulated)");
                }))
                .hasMessageContaining("disk full");
        assertThat(Files.readString(f)).isEqualTo("old complete content");
        assertThat(Files.list(dir)).containsExactly(f);
    }

    @Test
    void aWriterThatClosesTheStreamStillProducesTheFile() throws IOException {
        Path f = dir.resolve("x.csv");
        AtomicFiles.write(f, out -> {
            out.write("a,b\n1,2\n".getBytes());
            out.close();
        });
        assertThat(Files.readString(f)).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void refusesADirectoryAsTarget() {
        assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x")).hasMessageContaining("is a directory");
    }
}
