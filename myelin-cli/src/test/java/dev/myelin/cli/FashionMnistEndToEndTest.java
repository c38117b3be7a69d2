package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * The end-to-end run CI does: train on 6000 Fashion-MNIST images for 3 epochs, then evaluate and predict
 * with the saved model on the 10000 test images. Skipped where Debian's dataset-fashion-mnist is not
 * installed (CI installs it).
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class FashionMnistEndToEndTest {
    static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    static Path dir;

    static Path run;
    static Cli.Result trained;

    @BeforeAll
    static void train() {
        assumeThat(DATA.resolve("t10k-images-idx3-ubyte.gz"))
                .as("Fashion-MNIST in " + DATA)
                .exists();
        run = dir.resolve("run");
        trained = Cli.run(
                "train",
                "--data",
                "fashion-mnist",
                "--subset",
                "6000",
                "--epochs",
                "3",
                "--hidden",
                "128",
                "--batch-size",
                "64",
                "--out",
                run.toString());
    }

    @Test
    void trainReachesWellAboveChance() throws IOException {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.out())
                .contains("data fashion-mnist: 6000 train, 0 validation, 10000 test examples, 784 features");
        var summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("test").get("accuracy").asDouble()).isGreaterThanOrEqualTo(0.75); // chance is 0.10
        assertThat(summary.get("test").get("classes").get(9).asText()).isEqualTo("Ankle boot");
        for (String f : List.of(
                "model.safetensors", "history.csv", "history.json", "curves.png", "confusion.png", "samples.png"))
            assertThat(run.resolve(f)).as(f).isNotEmptyFile();
    }

    @Test
    void evalPrintsTheSameAccuracy() throws IOException {
        assertThat(trained.exitCode()).isZero();
        double accuracy = new ObjectMapper()
                .readTree(run.resolve("summary.json").toFile())
                .get("test")
                .get("accuracy")
                .asDouble();
        Cli.Result r = Cli.run("eval", run.resolve("model.safetensors").toString(), "--data", "fashion-mnist");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(String.format(Locale.ROOT, "test accuracy %.4f", accuracy))
                .contains("(10000 examples)")
                .contains("Ankle boot")
                .contains("macro avg");
    }

    @Test
    void predictWritesOneRowPerTestImageWithProbabilities() throws IOException {
        assertThat(trained.exitCode()).isZero();
        Path csv = dir.resolve("predictions.csv");
        Cli.Result r = Cli.run(
                "predict",
                run.resolve("model.safetensors").toString(),
                "--input",
                DATA.resolve("t10k-images-idx3-ubyte.gz").toString(),
                "--output",
                csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (CSVParser p = CSVParser.parse(
                csv,
                StandardCharsets.UTF_8,
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())) {
            List<String> header = p.getHeaderNames();
            assertThat(header)
                    .hasSize(11)
                    .startsWith("prediction", "p_T-shirt/top", "p_Trouser")
                    .endsWith("p_Ankle boot");
            List<CSVRecord> rows = p.getRecords();
            assertThat(rows).hasSize(10000);
            for (CSVRecord row : rows) {
                double sum = 0, best = -1;
                String argmax = null;
                for (int j = 1; j < header.size(); j++) {
                    double v = Double.parseDouble(row.get(j));
                    assertThat(v).isBetween(0.0, 1.0);
                    sum += v;
                    if (v > best) {
                        best = v;
                        argmax = header.get(j).substring(2);
                    }
                }
                assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
                assertThat(row.get("prediction")).isEqualTo(argmax);
            }
        }
        assertThat(Files.readAllLines(csv)).hasSize(10001);
    }
}
