package dev.myelin.cli;

import static dev.myelin.cli.BadInputTest.assertUserError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.io.ModelFile;
import dev.myelin.io.SafeTensors;
import dev.myelin.io.StateFile;
import dev.myelin.nn.MLP;
import dev.myelin.tensor.Generator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * Issue 18's findings, one test each, through the command line: what used to exhaust the heap, hang, print a stack
 * trace or exit 0 with garbage now gets one line naming the file, column, flag or tensor (or, for the byte-order
 * mark, the batch size and multi-member gzip, the right result). The library's side is in core's IntegrityTest,
 * CsvHostileInputTest, IdxReaderTest, EstimatorFileTest, TunerTest and ResumeTest.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class HostileInputTest {
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

    private Path input(String name, String csv) throws IOException {
        return Files.writeString(dir.resolve(name), csv);
    }

    private Cli.Result train(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(
                "train",
                "--no-plots",
                "--no-progress",
                "--out",
                dir.resolve("run").toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private static boolean mkfifo(Path p) throws Exception {
        try {
            Process mk = new ProcessBuilder("mkfifo", p.toString()).start();
            return mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- "A 106-byte model file exhausts the heap" and its relatives

    @Test
    void aTinyModelFileDeclaringHugeWeightsIsRefusedByEvalAndPredict() throws IOException {
        Path hostile = dir.resolve("hostile.safetensors");
        Files.write(
                hostile,
                SafeTensors.toBytes(
                        Map.of(),
                        Map.of(StateFile.ARCHITECTURE_KEY, "{\"type\":\"Linear\",\"in\":46340,\"out\":46340}")));
        assertThat(Files.size(hostile)).isLessThanOrEqualTo(106);
        Path in = input("in.csv", "a,b\n1,2\n");
        assertUserError(
                Cli.run("predict", hostile.toString(), "--input", in.toString()),
                hostile.toString(),
                "missing tensors",
                "weight [46340, 46340]");
        assertUserError(Cli.run("eval", hostile.toString(), "--data", "moons"), hostile.toString(), "missing tensors");
    }

    @Test
    void hiddenLayersTooLargeForTheHeapNameTheFlag() {
        assertUserError(
                train("--data", "moons", "--hidden", "46340,46340"),
                "--hidden 46340,46340: the mlp 2-46340-46340-2 has",
                "more than this JVM's maximum heap");
    }

    @Test
    void aDeviceAsCsvIsRefusedInsteadOfReadForEver() {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertUserError(
                train("--data", "csv:/dev/zero", "--label", "y"),
                "/dev/zero: is a device, FIFO or socket, not a regular CSV file");
        assertUserError(Cli.run("predict", model.toString(), "--input", "/dev/zero"), "/dev/zero: is a device");
    }

    @Test
    void aFifoAsModelPathIsRefusedInsteadOfBlocking() throws Exception {
        Path fifo = dir.resolve("model.fifo");
        assumeTrue(mkfifo(fifo), "mkfifo is not available");
        long start = System.nanoTime();
        assertUserError(
                Cli.run("eval", fifo.toString(), "--data", "moons"),
                fifo + ": is a device, FIFO or socket, not a regular safetensors file");
        assertUserError(
                Cli.run(
                        "predict",
                        fifo.toString(),
                        "--input",
                        input("in.csv", "a,b\n1,2\n").toString()),
                fifo.toString());
        assertUserError(
                train("--data", "moons", "--model", fifo.toString()),
                fifo.toString(),
                "not a regular architecture JSON file");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    }

    // ---- silent garbage with exit 0

    @Test
    void nonFiniteWeightsAreRefusedNamingTheTensor() throws IOException {
        MLP net = new MLP(2, List.of(4), 2, new Generator(1));
        net.stateDict().get("model.2.weight").data()[3] = Float.POSITIVE_INFINITY;
        Path bad = dir.resolve("inf.safetensors");
        ModelFile.save(bad, net);
        assertUserError(
                Cli.run(
                        "predict",
                        bad.toString(),
                        "--input",
                        input("in.csv", "a,b\n1,2\n").toString()),
                bad.toString(),
                "tensor 'model.2.weight' holds Infinity at flat index 3");
    }

    @Test
    void predictRefusesNonFiniteCellsAsTrainDoes() throws IOException {
        for (String cell : new String[] {"NaN", "inf", "-Infinity"}) {
            Path in = input("cells.csv", "a,b\n0.1,0.2\n0.3," + cell + "\n");
            assertUserError(
                    Cli.run("predict", model.toString(), "--input", in.toString()),
                    in + ", line 3, column 'b': '" + cell + "' is not a finite number");
        }
    }

    @Test
    void aStrayCellInTheFirstRowIsAnErrorNotHundredsOfFeatures() throws IOException {
        StringBuilder sb = new StringBuilder("x,y\ninf,a\n");
        for (int i = 0; i < 300; i++)
            sb.append(i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        Path csv = input("stray.csv", sb.toString());
        assertUserError(
                train("--data", "csv:" + csv, "--label", "y", "--epochs", "1"),
                csv + ", line 2, column 'x': 'inf' is not a finite number");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnsName() throws IOException {
        Path csv = dir.resolve("bom.csv");
        StringBuilder sb = new StringBuilder("\uFEFFy,x\n");
        for (int i = 0; i < 40; i++)
            sb.append(i % 2 == 0 ? "a" : "b")
                    .append(',')
                    .append(i % 2 + 0.1 * (i % 5))
                    .append('\n');
        Files.write(csv, sb.toString().getBytes(StandardCharsets.UTF_8));
        Cli.Result r = train("--data", "csv:" + csv, "--label", "y", "--epochs", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void invalidUtf8IsReportedWithFileAndLine() throws IOException {
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, "x,y\n1,a\n2,Jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertUserError(
                train("--data", "csv:" + csv, "--label", "y", "--epochs", "1"), csv + ", line 3: invalid UTF-8");
    }

    @Test
    void aClassificationLossThatExplodesFailsTheRun() {
        // plain SGD at learning rate 10 on the blobs: the cross-entropy passes 10^4 times its start in the first epoch
        // (it used to climb to ~1e14 and exit 0); a diverged run is an error
        Cli.Result r = train("--data", "blobs", "--optimizer", "sgd", "--lr", "10", "--epochs", "5", "--hidden", "16");
        assertUserError(r, "loss grew to", "more than 1.000e+04 times its first value", "try a lower learning rate");
    }

    @Test
    void validationFractionOutOfRangeNamesTheFlag() {
        for (String v : new String[] {"-0.5", "NaN", "1", "Infinity"})
            assertUserError(train("--data", "moons", "--val-fraction", v), "--val-fraction must be in [0, 1), got ");
    }

    @Test
    void anEmptyOutputDirectoryNamesTheFlag() {
        assertUserError(
                Cli.run("train", "--data", "moons", "--epochs", "1", "--out", ""), "--out must name a directory");
    }

    @Test
    void crossEntropyOnRealValuedTargetsIsRefused() {
        assertUserError(
                train("--data", "regression", "--loss", "cross-entropy"),
                "--loss cross-entropy needs class labels",
                "regression has real-valued targets");
    }

    @Test
    void aLabelWithIdxDataIsRefused() throws IOException {
        Path idx = TestFiles.idxDirectory(dir.resolve("idx"), 40, 10);
        assertUserError(train("--data", "idx:" + idx, "--label", "y"), "--label applies to csv: data only");
        assertUserError(
                Cli.run("eval", model.toString(), "--data", "moons", "--label", "y"),
                "--label applies to csv: data only");
    }

    // ---- crashes

    @Test
    void theLargestBatchSizeTrainsOnOneBatch() {
        Cli.Result r = train("--data", "moons", "--batch-size", "2147483647", "--epochs", "1", "--hidden", "8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch 1/1");
    }

    @Test
    void aMultiMemberGzipIdxFileIsRead() throws IOException {
        Path imgs = dir.resolve("images-idx3-ubyte.gz");
        byte[] pixels = TestFiles.blobImages(6, new byte[6], 4);
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(raw)) {
            out.writeInt(0x803);
            for (int d : new int[] {6, TestFiles.SIDE, TestFiles.SIDE}) out.writeInt(d);
            out.write(pixels);
        }
        byte[] all = raw.toByteArray();
        try (var os = Files.newOutputStream(imgs)) {
            for (int from = 0; from < all.length; from += 100) // one gzip member per 100 bytes
            try (var gz = new java.util.zip.GZIPOutputStream(new java.io.FilterOutputStream(os) {
                @Override
                public void close() throws IOException {
                    flush(); // keep the file open for the next member
                }
            })) {
                    gz.write(all, from, Math.min(100, all.length - from));
                }
        }
        Path idxModel = dir.resolve("idx-run");
        Path data = TestFiles.idxDirectory(dir.resolve("idx"), 40, 10);
        assertThat(Cli.run(
                                "train",
                                "--data",
                                "idx:" + data,
                                "--epochs",
                                "1",
                                "--hidden",
                                "8",
                                "--no-plots",
                                "--out",
                                idxModel.toString())
                        .exitCode())
                .isZero();
        Cli.Result r = Cli.run("predict", idxModel.resolve("model.safetensors").toString(), "--input", imgs.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(7); // header and six predictions
    }

    // ---- integrity

    @Test
    void aFlippedBitInTheWeightsIsAnErrorNamingTheTensor() throws IOException {
        byte[] b = Files.readAllBytes(model);
        b[b.length - 9] ^= 0x04;
        Path flipped = Files.write(dir.resolve("flipped.safetensors"), b);
        assertUserError(
                Cli.run("eval", flipped.toString(), "--data", "moons"), flipped.toString(), "fails its checksum");
    }

    // ---- flags

    @Test
    void otherFlagRangesNameTheFlag() {
        assertUserError(train("--data", "moons", "--threads", "0"), "--threads must be in [1, 1024], got 0");
        assertUserError(train("--data", "moons", "--threads", "100000"), "--threads must be in [1, 1024], got 100000");
        assertUserError(train("--data", "moons", "--early-stopping", "-1"), "--early-stopping must be >= 0");
        assertUserError(train("--data", "moons", "--momentum", "NaN"), "--momentum must be a finite number >= 0");
        Cli.Result every = train("--data", "moons", "--checkpoint-every", "0");
        assertThat(every.exitCode()).isEqualTo(2);
        assertThat(every.err()).contains("--checkpoint-every").contains("'0' is not N epochs or N steps");
        assertUserError(
                Cli.run("train", "--resume", dir.resolve("nothing").toString()), "--resume", "not a run directory");
        assertUserError(
                Cli.run("train", "--resume", dir.toString(), "--epochs", "3"),
                "--resume takes the run's settings",
                "[--epochs]");
    }
}
