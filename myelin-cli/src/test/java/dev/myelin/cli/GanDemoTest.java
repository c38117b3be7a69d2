package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** {@code myelin demo gan}: the ring's plots, mode count and summary; the Fashion-MNIST sample grids; bad flags. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class GanDemoTest {
    @TempDir
    Path dir;

    /** The demo as a user runs it (default seed, 40 epochs: one to two and a half minutes here) covers all 8 modes. */
    @Test
    void ringCoversAllEightModesAndWritesAPlotPerEpochAndASummary() throws Exception {
        Cli.Result r = Cli.run("demo", "gan", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("WGAN-GP on a ring of 8 Gaussians")
                .contains("epoch 40/40  d_loss")
                .contains("modes covered: 8 of 8");
        assertThat(dir.resolve("ring-epoch-1.png")).isRegularFile();
        assertThat(dir.resolve("ring-epoch-40.png")).isRegularFile();
        assertThat(Files.readAllLines(dir.resolve("history.csv")).getFirst())
                .contains("d_loss", "g_loss", "gp", "w_dist");
        JsonNode summary =
                new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("modes_covered").asInt()).isEqualTo(8);
        assertThat(summary.get("modes_covered_per_epoch")).hasSize(40);
        assertThat(summary.get("samples_per_mode")).hasSize(8);
        for (JsonNode count : summary.get("samples_per_mode"))
            assertThat(count.asInt()).isGreaterThanOrEqualTo(20); // 2 % of 1,000
    }

    @Test
    void badFlagsAreOneLineErrors() {
        Cli.Result data = Cli.run("demo", "gan", "--data", "cifar", "--out", dir.toString());
        assertThat(data.exitCode()).isEqualTo(2);
        assertThat(data.err())
                .contains("--data must be ring or fashion-mnist, got 'cifar'")
                .doesNotContain("Exception");
        assertThat(Cli.run("demo", "gan", "--loss", "lsgan").err())
                .contains("--loss must be gan or wgan-gp, got 'lsgan'");
        assertThat(Cli.run("demo", "gan", "--epochs", "0").err()).contains("--epochs must be >= 1, got 0");
        assertThat(Cli.run("demo", "gan", "--data", "fashion-mnist", "--arch", "vit")
                        .err())
                .contains("--arch must be mlp or dcgan, got 'vit'");
        assertThat(Cli.run("demo", "gan", "--data", "fashion-mnist", "--train-size", "0")
                        .err())
                .contains("--train-size must be in [1, 60000], got 0");
        Cli.Result none = Cli.run("demo");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Missing required parameter: 'NAME'");
    }

    @Test
    void fashionMnistWritesASampleGridPerEpoch() throws Exception {
        assumeThat(FashionMnistEndToEndTest.DATA.resolve("train-images-idx3-ubyte.gz"))
                .as("Fashion-MNIST")
                .exists();
        Path mlp = dir.resolve("mlp"), dcgan = dir.resolve("dcgan");
        Cli.Result r = Cli.run(
                "demo",
                "gan",
                "--data",
                "fashion-mnist",
                "--train-size",
                "256",
                "--epochs",
                "2",
                "--out",
                mlp.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("MLP GAN on 256 Fashion-MNIST images");
        assertThat(mlp.resolve("samples-epoch-1.png")).isRegularFile();
        assertThat(mlp.resolve("samples-epoch-2.png")).isRegularFile();
        JsonNode summary =
                new ObjectMapper().readTree(mlp.resolve("summary.json").toFile());
        assertThat(summary.get("epochs").asInt()).isEqualTo(2);
        assertThat(summary.get("samples").asText()).isEqualTo("samples-epoch-2.png");
        Cli.Result c = Cli.run(
                "demo",
                "gan",
                "--data",
                "fashion-mnist",
                "--arch",
                "dcgan",
                "--train-size",
                "128",
                "--epochs",
                "1",
                "--out",
                dcgan.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(dcgan.resolve("samples-epoch-1.png")).isRegularFile();
    }
}
