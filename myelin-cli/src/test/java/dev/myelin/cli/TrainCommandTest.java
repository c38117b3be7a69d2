package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.io.ModelFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** {@code myelin train} on synthetic, IDX and CSV data: exit code, run directory, summary numbers. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class TrainCommandTest {
    @TempDir
    Path dir;

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void moonsWritesTheWholeRunDirectory() throws IOException {
        Path run = dir.resolve("moons");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "moons",
                "--epochs",
                "5",
                "--hidden",
                "32,32",
                "--lr",
                "0.01",
                "--batch-size",
                "32",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        for (String f : List.of(
                "model.safetensors",
                "history.csv",
                "history.json",
                "summary.json",
                "curves.png",
                "confusion.png",
                "decision-boundary.png")) assertThat(run.resolve(f)).as(f).isNotEmptyFile();
        try (var files = Files.list(run)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(Files.readAllBytes(run.resolve("curves.png"))).startsWith(0x89, 'P', 'N', 'G');

        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("data").asText()).isEqualTo("moons");
        assertThat(summary.get("task").asText()).isEqualTo("classification");
        assertThat(summary.get("epochs_run").asInt()).isEqualTo(5);
        assertThat(summary.get("test").get("accuracy").asDouble()).isGreaterThan(0.8); // chance is 0.5
        assertThat(summary.get("settings").get("train_examples").asInt() + 200)
                .isEqualTo(1000); // 20% held out for test
        JsonNode cm = summary.get("test").get("confusion_matrix");
        assertThat(cm.get(0).get(0).asInt()
                        + cm.get(0).get(1).asInt()
                        + cm.get(1).get(0).asInt()
                        + cm.get(1).get(1).asInt())
                .isEqualTo(200);

        JsonNode history = json(run.resolve("history.json"));
        assertThat(history.get("epochs").size()).isEqualTo(5);
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSize(6);
        assertThat(r.out())
                .contains("epoch 5/5  loss")
                .contains("test accuracy")
                .contains(run.toString())
                .doesNotContain("NaN");

        ModelFile.Loaded model = ModelFile.load(run.resolve("model.safetensors"));
        assertThat(model.metadata())
                .containsEntry("myelin.task", "classification")
                .containsEntry("myelin.data", "moons");
        assertThat(model.optimizerState()).isNotEmpty();
    }

    @Test
    void csvWithRealValuedTargetsTrainsARegression() throws IOException {
        StringBuilder sb = new StringBuilder("a,kind,b,target\n");
        java.util.Random rnd = new java.util.Random(2);
        for (int i = 0; i < 300; i++) {
            double a = rnd.nextDouble(), b = rnd.nextDouble();
            boolean x = rnd.nextBoolean();
            sb.append(String.format(
                    java.util.Locale.ROOT, "%.4f,%s,%.4f,%.4f%n", a, x ? "x" : "y", b, a + 2 * b + (x ? 1 : 0)));
        }
        Path file = dir.resolve("reg.csv");
        Files.writeString(file, sb);
        Path run = dir.resolve("reg-run");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "csv:" + file,
                "--label",
                "target",
                "--hidden",
                "16",
                "--epochs",
                "40",
                "--lr",
                "0.01",
                "--no-plots",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("task").asText()).isEqualTo("regression");
        assertThat(summary.get("test").get("r2").asDouble()).isGreaterThan(0.8);

        Path input = dir.resolve("new.csv");
        Files.writeString(input, "a,kind,b\n0.5,x,0.5\n0.5,y,0.5\n");
        Cli.Result p = Cli.run("predict", run.resolve("model.safetensors").toString(), "--input", input.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("prediction");
        assertThat(Double.parseDouble(lines.get(1))).isCloseTo(2.5, org.assertj.core.api.Assertions.within(0.4));
        assertThat(Double.parseDouble(lines.get(2))).isCloseTo(1.5, org.assertj.core.api.Assertions.within(0.4));

        Cli.Result bad = Cli.run(
                "train",
                "--data",
                "csv:" + file,
                "--label",
                "target",
                "--task",
                "sometimes",
                "--out",
                dir.resolve("bad").toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("--task").contains("sometimes");
    }

    @Test
    void aRunThatDivergesAfterSomeEpochsKeepsThemButFails() throws IOException {
        Path run = dir.resolve("diverges");
        // plain SGD at learning rate 2 on the sum regression: the loss grows from epoch 2, past 10^4 times its start by
        // epoch 3
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "sum-regression",
                "--optimizer",
                "sgd",
                "--lr",
                "2",
                "--epochs",
                "8",
                "--hidden",
                "16",
                "--no-plots",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.err())
                .containsPattern("error: loss (became (Infinity|NaN)|grew to [0-9.e+]+) at epoch [2-8]")
                .contains("finished epoch(s) are in " + run);
        assertThat(run.resolve("model.safetensors")).isNotEmptyFile();
        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("stop_reason").asText()).startsWith("loss ");
        assertThat(summary.get("epochs_run").asInt()).isBetween(1, 7);
    }

    @Test
    void earlyStoppingDropoutAndBatchNormRun() throws IOException {
        Path run = dir.resolve("es");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "moons",
                "--epochs",
                "40",
                "--hidden",
                "16",
                "--dropout",
                "0.1",
                "--batch-norm",
                "--early-stopping",
                "2",
                "--lr",
                "0.05",
                "--no-plots",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("settings").get("validation_examples").asInt()).isEqualTo(80);
        assertThat(summary.get("best_epoch").asInt()).isPositive();
        assertThat(run.resolve("curves.png")).doesNotExist();
        JsonNode arch = new ObjectMapper()
                .readTree(ModelFile.load(run.resolve("model.safetensors"))
                        .metadata()
                        .get("myelin.architecture"));
        assertThat(arch.toString()).contains("BatchNorm1d").contains("Dropout");
    }

    @Test
    void idxDirectoryWithGzipAndRawFilesTrains() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("digits"), 400, 100);
        Path run = dir.resolve("idx-run");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "idx:" + data,
                "--epochs",
                "1",
                "--hidden",
                "32",
                "--batch-size",
                "16",
                "--lr",
                "0.01",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("400 train, 0 validation, 100 test examples, 100 features");
        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("test").get("accuracy").asDouble()).isGreaterThan(0.6); // 4 classes: chance 0.25
        assertThat(run.resolve("samples.png")).isNotEmptyFile(); // drawn at the files' 10x10, not MNIST's 28x28
        assertThat(run.resolve("confusion.png")).isNotEmptyFile();

        // predict straight from an IDX images file (raw here)
        Path csv = dir.resolve("pred.csv");
        Cli.Result p = Cli.run(
                "predict",
                run.resolve("model.safetensors").toString(),
                "--input",
                data.resolve("t10k-images-idx3-ubyte").toString(),
                "--output",
                csv.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(101);
    }

    @Test
    void csvWithACategoricalColumnTrainsAndPredicts() throws IOException {
        Path file = TestFiles.csv(dir.resolve("table.csv"), 600);
        Path run = dir.resolve("csv-run");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "csv:" + file,
                "--label",
                "label",
                "--epochs",
                "30",
                "--hidden",
                "16",
                "--lr",
                "0.01",
                "--batch-size",
                "32",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        // x1, x2 and the one-hot color (3 columns)
        assertThat(r.out()).contains("480 train, 0 validation, 120 test examples, 5 features");
        JsonNode summary = json(run.resolve("summary.json"));
        assertThat(summary.get("test").get("classes").toString()).isEqualTo("[\"high\",\"low\"]");
        assertThat(summary.get("test").get("accuracy").asDouble()).isGreaterThan(0.8);

        Cli.Result e = Cli.run(
                "eval", run.resolve("model.safetensors").toString(), "--data", "csv:" + file, "--label", "label");
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(e.out())
                .contains("test accuracy "
                        + String.format(
                                java.util.Locale.ROOT,
                                "%.4f",
                                summary.get("test").get("accuracy").asDouble()));

        // predict takes numeric features: the one-hot columns, as the model saw them
        Path input = dir.resolve("new.csv");
        Files.writeString(input, "x1,color_blue,color_green,color_red,x2\n1.0,0,1,0,0.9\n-0.4,1,0,0,-0.3\n");
        Cli.Result p = Cli.run("predict", run.resolve("model.safetensors").toString(), "--input", input.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        try (CSVParser parser = CSVParser.parse(
                p.out(),
                CSVFormat.DEFAULT
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())) {
            assertThat(parser.getHeaderNames()).containsExactly("prediction", "p_high", "p_low");
            List<CSVRecord> rows = parser.getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("prediction")).isEqualTo("high"); // 1.0 + 0.9 > 1
            assertThat(rows.get(1).get("prediction")).isEqualTo("low");
            for (CSVRecord row : rows)
                assertThat(Double.parseDouble(row.get("p_high")) + Double.parseDouble(row.get("p_low")))
                        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }

        // ... or the training file's own columns: color is one-hot encoded with the training categories, the label
        // column is ignored, --drop skips an id column; same rows, same output
        Path raw = dir.resolve("raw.csv");
        Files.writeString(raw, "id,x1,color,x2,label\n7,1.0,green,0.9,?\n8,-0.4,blue,-0.3,?\n");
        String model = run.resolve("model.safetensors").toString();
        Cli.Result q = Cli.run("predict", model, "--input", raw.toString(), "--drop", "id");
        assertThat(q.exitCode()).as(q.err()).isZero();
        assertThat(q.out()).isEqualTo(p.out());
        Cli.Result noDrop = Cli.run("predict", model, "--input", raw.toString());
        assertThat(noDrop.exitCode()).isEqualTo(1);
        assertThat(noDrop.err())
                .contains("[id, x1, color, x2]")
                .contains("[x1, color, x2]")
                .contains("--drop");
        Path unknown = dir.resolve("unknown.csv");
        Files.writeString(unknown, "x1,color,x2\n1.0,purple,0.9\n");
        Cli.Result u = Cli.run("predict", model, "--input", unknown.toString());
        assertThat(u.exitCode()).isEqualTo(1);
        assertThat(u.err()).contains("purple").contains("training file");

        // eval on a file with one of the two classes keeps the training file's class indices
        List<String> lines = Files.readAllLines(file);
        List<String> lowOnly = new java.util.ArrayList<>(List.of(lines.get(0)));
        lines.stream().skip(1).filter(l -> l.endsWith(",low")).forEach(lowOnly::add);
        Path lowFile = dir.resolve("low.csv");
        Files.write(lowFile, lowOnly);
        Cli.Result low = Cli.run("eval", model, "--data", "csv:" + lowFile);
        assertThat(low.exitCode()).as(low.err()).isZero();
        assertThat(low.out()).contains("high").contains("low");
        Cli.Result wrongLabel = Cli.run("eval", model, "--data", "csv:" + lowFile, "--label", "x2");
        assertThat(wrongLabel.exitCode()).isEqualTo(1);
        assertThat(wrongLabel.err()).contains("trained on the label column 'label'");
    }

    @Test
    void truthTablesTrain() {
        for (String table : List.of("xor", "and", "or")) {
            Cli.Result r = Cli.run(
                    "train",
                    "--data",
                    table,
                    "--epochs",
                    "2",
                    "--hidden",
                    "4",
                    "--batch-size",
                    "2",
                    "--out",
                    dir.resolve(table).toString());
            assertThat(r.exitCode()).as(table + ": " + r.err()).isZero();
            assertThat(dir.resolve(table).resolve("decision-boundary.png")).isNotEmptyFile();
        }
    }

    @Test
    void regressionTrainsWithMse() throws IOException {
        Path run = dir.resolve("reg");
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "regression",
                "--epochs",
                "20",
                "--hidden",
                "32",
                "--lr",
                "0.01",
                "--batch-size",
                "32",
                "--out",
                run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode test = json(run.resolve("summary.json")).get("test");
        assertThat(test.get("r2").asDouble()).isGreaterThan(0.5);
        assertThat(run.resolve("curves.png")).isNotEmptyFile();
        assertThat(run.resolve("confusion.png")).doesNotExist();
        assertThat(new String(Files.readAllBytes(run.resolve("history.json")), StandardCharsets.UTF_8))
                .contains("\"mse\"");
    }
}
