package dev.myelin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.autograd.NoGrad;
import dev.myelin.nn.Activation;
import dev.myelin.nn.MLP;
import dev.myelin.nn.Module;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files against corruption: a flipped bit anywhere is an error or changes nothing (never a model that
 * predicts differently without a word), non-finite weights are refused by name, and paths that are not regular
 * files (a directory, a FIFO that would block the open for ever) are refused by name.
 */
class IntegrityTest {
    @TempDir
    Path dir;

    private static Tensor predict(Module m, Tensor x) {
        m.eval();
        try (var ignored = NoGrad.enter()) {
            return m.forward(x);
        }
    }

    @Test
    void everySingleBitFlipIsAnErrorOrChangesNothing() throws IOException {
        Generator gen = new Generator(5);
        MLP model = new MLP(4, List.of(6), 3, Activation.TANH, gen);
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, model, new Adam(model.parameters()), Map.of("myelin.task", "classification"));
        byte[] good = Files.readAllBytes(file);
        Tensor x = Tensor.randn(gen, 7, 4);
        float[] expected = predict(model, x).data();
        int refused = 0, same = 0;
        Path bad = dir.resolve("flipped.safetensors");
        for (int i = 0; i < good.length; i++) {
            byte[] b = good.clone();
            b[i] ^= (byte) (1 << (i % 8));
            Files.write(bad, b);
            try {
                ModelFile.Loaded loaded = ModelFile.load(bad);
                assertThat(predict(loaded.model(), x).data())
                        .as("byte %d flipped: loaded without an error, so it must predict the same", i)
                        .containsExactly(expected);
                same++;
            } catch (ModelFileException e) {
                assertThat(e.getMessage()).startsWith(bad.toString()).doesNotContain("\n");
                refused++;
            }
        }
        assertThat(refused + same).isEqualTo(good.length);
        assertThat(refused).as("flips refused").isGreaterThan(good.length * 9 / 10);
    }

    @Test
    void aFlippedWeightIsNamedByItsChecksum() throws IOException {
        MLP model = new MLP(4, List.of(6), 3, Activation.TANH, new Generator(5));
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(file, model);
        byte[] b = Files.readAllBytes(file);
        b[b.length - 3] ^= 0x10; // inside the last tensor by name order, the data are sorted by name
        Files.write(file, b);
        assertThatThrownBy(() -> ModelFile.load(file))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor 'model.2.weight' fails its checksum");
    }

    @Test
    void nonFiniteWeightsAreRefusedByName() throws IOException {
        MLP model = new MLP(2, List.of(3), 2, new Generator(1));
        try (var ignored = NoGrad.enter()) {
            model.stateDict().get("model.0.bias").data()[1] = Float.NaN;
        }
        Path file = dir.resolve("nan.safetensors");
        ModelFile.save(file, model);
        assertThatThrownBy(() -> ModelFile.load(file))
                .isInstanceOf(ModelFileException.class)
                .hasMessageContaining("tensor 'model.0.bias' holds NaN at flat index 1");
        try (var ignored = NoGrad.enter()) {
            model.stateDict().get("model.0.bias").data()[1] = Float.POSITIVE_INFINITY;
        }
        ModelFile.save(file, model);
        assertThatThrownBy(() -> ModelFile.load(file)).hasMessageContaining("holds Infinity");
    }

    @Test
    void aFileWithoutChecksumsStillLoads() throws IOException {
        // files from Python's safetensors (or an older Myelin) carry no checksums: loaded, unverified
        MLP model = new MLP(2, List.of(3), 2, new Generator(1));
        Path file = dir.resolve("python.safetensors");
        SafeTensors.write(
                file, model.stateDict(), Map.of(StateFile.ARCHITECTURE_KEY, dev.myelin.nn.Architecture.toJson(model)));
        assertThat(ModelFile.load(file).model().parameterCount()).isEqualTo(model.parameterCount());
    }

    @Test
    void aDirectoryOrAFifoIsRefusedByPathWithoutWaiting() throws Exception {
        assertThatThrownBy(() -> ModelFile.load(dir))
                .isInstanceOf(IOException.class)
                .hasMessage(dir + ": is a directory, not a regular safetensors file");
        Path fifo = dir.resolve("model.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            mkfifo = null;
        }
        assumeTrue(
                mkfifo != null && mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
                "mkfifo is not available");
        long start = System.nanoTime();
        assertThatThrownBy(() -> ModelFile.load(fifo))
                .isInstanceOf(IOException.class)
                .hasMessage(fifo + ": is a device, FIFO or socket, not a regular safetensors file");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }
}
