package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.io.SafeTensors;
import dev.myelin.io.StateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * What a user sees for bad files and bad arguments: exit code 1 and one line {@code error: ...} naming
 * the file and the problem (no stack trace) for data and model errors; exit code 2 and picocli's
 * message for usage errors.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class BadInputTest {
    @TempDir
    static Path shared;

    static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainASmallModel() {
        Path run = shared.resolve("run");
        Cli.Result r = Cli.run(
                "train", "--data", "moons", "--epochs", "1", "--hidden", "8", "--no-plots", "--out", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        model = run.resolve("model.safetensors");
    }

    /** Exit code 1, exactly one line on stderr starting with "error:" and holding every fragment, no stack trace. */
    static void assertUserError(Cli.Result r, String... fragments) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        String line = r.errLines().get(0);
        assertThat(line).startsWith("error: ");
        for (String f : fragments) assertThat(line).contains(f);
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private Cli.Result trainIdx(Path data) {
        return Cli.run(
                "train",
                "--data",
                "idx:" + data,
                "--epochs",
                "1",
                "--hidden",
                "8",
                "--no-plots",
                "--out",
                dir.resolve("run").toString());
    }

    @Test
    void idxWithWrongMagicNumber() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("d"), 20, 10);
        Path images = data.resolve("train-images-idx3-ubyte.gz");
        Files.delete(images);
        Path raw = data.resolve("train-images-idx3-ubyte");
        TestFiles.writeIdx(
                raw, 0x00000801, new int[] {20 * 100}, new byte[2000], false); // a labels header on the images file
        assertUserError(trainIdx(data), raw.toString(), "magic number 0x00000801", "is this a labels file?");
    }

    @Test
    void truncatedIdx() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("d"), 20, 10);
        Path images = data.resolve("t10k-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 37));
        assertUserError(trainIdx(data), images.toString(), "truncated");
    }

    @Test
    void imageAndLabelCountMismatch() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("d"), 20, 10);
        Path labels = data.resolve("train-labels-idx1-ubyte");
        TestFiles.writeIdx(labels, 0x801, new int[] {19}, new byte[19], false);
        assertUserError(trainIdx(data), "holds 20 images", labels.toString(), "holds 19 labels");
    }

    @Test
    void labelOutOfRange() throws IOException {
        Path data = TestFiles.idxDirectory(dir.resolve("d"), 20, 10);
        Path labels = data.resolve("train-labels-idx1-ubyte");
        byte[] l = new byte[20];
        l[7] = 12;
        TestFiles.writeIdx(labels, 0x801, new int[] {20}, l, false);
        assertUserError(trainIdx(data), labels.toString(), "label 12 of item 7 is out of range 0..9");
    }

    @Test
    void idxDirectoryWithoutTheFiles() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertUserError(trainIdx(empty), empty.toString(), "train-images");
        assertUserError(trainIdx(dir.resolve("missing")), dir.resolve("missing").toString(), "not a directory");
    }

    private Cli.Result trainCsv(Path csv, String label) {
        return Cli.run(
                "train",
                "--data",
                "csv:" + csv,
                "--label",
                label,
                "--epochs",
                "1",
                "--no-plots",
                "--out",
                dir.resolve("run").toString());
    }

    @Test
    void csvWithANonNumericCell() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a,b,y\n1,2,0\n3,x7,1\n5,6,0\n");
        assertUserError(trainCsv(csv, "y"), csv.toString(), "line 3", "column 'b'", "'x7' is not a finite number");
    }

    @Test
    void csvWithAMissingValue() throws IOException {
        Path csv = dir.resolve("gap.csv");
        Files.writeString(csv, "a,b,y\n1,2,0\n3,4,1\n5,,0\n");
        assertUserError(trainCsv(csv, "y"), csv.toString(), "line 4", "column 'b'", "missing value");
    }

    @Test
    void csvWithAnUnknownLabelColumn() throws IOException {
        Path csv = TestFiles.csv(dir.resolve("t.csv"), 20);
        assertUserError(
                trainCsv(csv, "target"), csv.toString(), "label column 'target' not found", "[x1, color, x2, label]");
        assertUserError(Cli.run("train", "--data", "csv:" + csv, "--out", dir.toString()), csv.toString(), "--label");
    }

    @Test
    void missingModelFile() {
        Path nope = dir.resolve("nope.safetensors");
        assertUserError(Cli.run("eval", nope.toString(), "--data", "moons"), nope.toString());
        assertUserError(Cli.run("predict", nope.toString(), "--input", nope.toString()), nope.toString());
    }

    @Test
    void corruptModelFileForEvalAndPredict() throws IOException {
        Path bad = dir.resolve("bad.safetensors");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(bad, Arrays.copyOf(bytes, bytes.length / 2));
        assertUserError(Cli.run("eval", bad.toString(), "--data", "moons"), bad.toString(), "truncated");
        Path input = dir.resolve("in.csv");
        Files.writeString(input, "a,b\n0.1,0.2\n");
        assertUserError(Cli.run("predict", bad.toString(), "--input", input.toString()), bad.toString(), "truncated");

        Files.writeString(bad, "this is not a model");
        assertUserError(Cli.run("eval", bad.toString(), "--data", "moons"), bad.toString());
    }

    /** A tiny file whose architecture declares 8.6 GB of weights: rejected from its header, no OutOfMemoryError. */
    @Test
    void hostileModelFileIsRejectedBeforeAllocating() throws IOException {
        Path hostile = dir.resolve("hostile.safetensors");
        Files.write(
                hostile,
                SafeTensors.toBytes(
                        Map.of(),
                        Map.of(StateFile.ARCHITECTURE_KEY, "{\"type\":\"Linear\",\"in\":46340,\"out\":46340}")));
        assertUserError(
                Cli.run("eval", hostile.toString(), "--data", "moons"),
                hostile.toString(),
                "weights do not match the architecture",
                "weight [46340, 46340]");
    }

    /** A --model spec too large for the heap is a message, not an OutOfMemoryError. */
    @Test
    void absurdModelSpecIsAUserError() throws IOException {
        Path spec = dir.resolve("huge.json");
        Files.writeString(spec, "{\"type\":\"Linear\",\"in\":65536,\"out\":65536}");
        assertUserError(
                Cli.run(
                        "train",
                        "--data",
                        "moons",
                        "--epochs",
                        "1",
                        "--model",
                        spec.toString(),
                        "--no-plots",
                        "--out",
                        dir.resolve("r").toString()),
                "$ (Linear) needs tensor 'weight' of shape [65536, 65536]");
    }

    @Test
    void predictWithTheWrongFeatureCount() throws IOException {
        Path input = dir.resolve("three.csv");
        Files.writeString(input, "a,b,c\n0.1,0.2,0.3\n");
        assertUserError(
                Cli.run("predict", model.toString(), "--input", input.toString()),
                model.toString(),
                "expects 2 input features, but the data has 3");
        assertUserError(
                Cli.run("eval", model.toString(), "--data", "classification"),
                model.toString(),
                "expects 2 input features, but the data has 20");
        assertUserError(
                Cli.run("eval", model.toString(), "--data", "blobs"),
                model.toString(),
                "has 2 outputs, but the data has 4 classes");
    }

    @Test
    void predictWithABadCsvCell() throws IOException {
        Path input = dir.resolve("cells.csv");
        Files.writeString(input, "a,b\n0.1,0.2\n0.3,abc\n");
        assertUserError(
                Cli.run("predict", model.toString(), "--input", input.toString()),
                input.toString(),
                "line 3",
                "column 'b'",
                "'abc'");
    }

    @Test
    void badOptionValuesAreUserErrors() {
        assertUserError(Cli.run("train", "--data", "nonsense", "--out", dir.toString()), "unknown data set 'nonsense'");
        assertUserError(
                Cli.run("train", "--data", "moons", "--lr", "-1", "--out", dir.toString()), "--lr must be positive");
        assertUserError(Cli.run("train", "--data", "moons", "--hidden", "0", "--out", dir.toString()), "--hidden");
    }

    @Test
    void aDivergingRunSaysWhereAndWhatToDo() {
        Cli.Result r = Cli.run(
                "train",
                "--data",
                "regression",
                "--optimizer",
                "sgd",
                "--lr",
                "1e6",
                "--epochs",
                "3",
                "--no-plots",
                "--out",
                dir.resolve("nan").toString());
        assertUserError(r, "at epoch 1, batch ", "try a lower learning rate");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Cli.Result unknown = Cli.run("train", "--data", "moons", "--frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--frobnicate'").contains("Usage: myelin train");

        Cli.Result missing = Cli.run("train", "--epochs", "3");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--data=<data>'");

        Cli.Result notANumber = Cli.run("train", "--data", "moons", "--epochs", "many");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).contains("'many' is not an int");

        assertThat(Cli.run("bogus").exitCode()).isEqualTo(2);
        assertThat(Cli.run("demo", "nonexistent").exitCode()).isEqualTo(2);
    }
}
