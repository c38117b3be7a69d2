package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    /** Runs {@code myelin args...} in-process, capturing standard output and picocli's error stream. */
    static Run myelin(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            var cl = MyelinCommand.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(oldOut);
        }
    }

    private static List<JsonNode> trials(Path dir) throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("trials.jsonl"))) out.add(m.readTree(line));
        return out;
    }

    @Test
    void smallSearchOnMoonsWritesTheSearchDirectory() throws Exception {
        Path out = dir.resolve("s");
        Run r = myelin(
                "tune",
                "--data",
                "moons",
                "--trials",
                "4",
                "--epochs",
                "3",
                "--depth",
                "1:2",
                "--width",
                "8,32",
                "--lr",
                "1e-3:1e-1:log",
                "--threads-per-trial",
                "1",
                "--seed",
                "3",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(out.resolve("trials.jsonl")).exists();
        assertThat(out.resolve("trials.csv")).exists();
        assertThat(out.resolve("tune.json")).exists();
        assertThat(trials(out))
                .hasSize(4)
                .allMatch(t -> t.get("status").asText().equals("ok"));
        assertThat(Files.readAllLines(out.resolve("trials.csv")))
                .hasSize(5)
                .first()
                .asString()
                .startsWith("number,status,score");
        JsonNode best = new ObjectMapper().readTree(out.resolve("best.json").toFile());
        double bestScore = trials(out).stream()
                .mapToDouble(t -> t.get("score").asDouble())
                .max()
                .orElseThrow();
        assertThat(best.get("score").asDouble()).isEqualTo(bestScore);
        assertThat(best.get("score_name").asText()).isEqualTo("val_accuracy");
        assertThat(best.get("config").has("lr")).isTrue();
        assertThat(best.get("train_command").asText()).startsWith("myelin train --data moons --hidden ");
        assertThat(ImageIO.read(out.resolve("tune.png").toFile()).getWidth()).isGreaterThan(100);
        // the live table: a header, one line per trial, at most 100 columns
        List<String> lines = r.out().lines().toList();
        assertThat(lines).anyMatch(l -> l.contains("trial") && l.contains("val_acc") && l.contains("best"));
        assertThat(lines.stream().filter(l -> l.matches("\\s+\\d+ .*depth=.*")).count())
                .isEqualTo(4);
        assertThat(lines).allMatch(l -> l.length() <= 100 || l.startsWith("train it:") || l.startsWith("best:"));
    }

    @Test
    void resumeSkipsFinishedTrialsAndRefusesChangedSettings() throws Exception {
        Path out = dir.resolve("r");
        String[] base = {
            "tune",
            "--data",
            "moons",
            "--epochs",
            "2",
            "--width",
            "8,16",
            "--lr",
            "1e-2:1e-1",
            "--strategy",
            "random",
            "--threads-per-trial",
            "1",
            "--out",
            out.toString()
        };
        assertThat(myelin(concat(base, "--trials", "3")).exit()).isZero();
        List<JsonNode> first = trials(out);

        Run again = myelin(concat(base, "--trials", "3"));
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already holds a search").contains("--resume");

        Run resumed = myelin(concat(base, "--trials", "5", "--resume"));
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming: 3 trials already recorded");
        List<JsonNode> all = trials(out);
        assertThat(all).hasSize(5);
        assertThat(all.subList(0, 3)).isEqualTo(first); // not rerun: the same records, times included
        assertThat(resumed.out().lines().filter(l -> l.matches("\\s+\\d+r .*")).count())
                .isEqualTo(3);

        Run changed = myelin(
                "tune",
                "--data",
                "moons",
                "--epochs",
                "3",
                "--width",
                "8,16",
                "--lr",
                "1e-2:1e-1",
                "--threads-per-trial",
                "1",
                "--trials",
                "6",
                "--out",
                out.toString(),
                "--resume");
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.err()).contains("cannot resume").contains("epochs was 2, now 3");
    }

    @Test
    void divergingTrialIsRecordedAsFailedAndTheSearchContinues() throws Exception {
        Path out = dir.resolve("f");
        Run r = myelin(
                "tune",
                "--data",
                "moons",
                "--strategy",
                "grid",
                "--epochs",
                "3",
                "--optimizer",
                "sgd",
                "--lr",
                "1e6,0.05",
                "--width",
                "16",
                "--threads-per-trial",
                "1",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> t = trials(out);
        assertThat(t).hasSize(2);
        assertThat(t.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(t.get(0).get("error").asText()).containsPattern("loss (became|grew to)");
        assertThat(t.get(1).get("status").asText()).isEqualTo("ok");
        assertThat(r.out()).contains("failed: ").contains("2 trials (1 failed, 0 pruned)");
        assertThat(Files.readString(out.resolve("trials.csv"))).containsPattern("loss (became|grew to)");
        assertThat(new ObjectMapper()
                        .readTree(out.resolve("best.json").toFile())
                        .get("trial")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void userErrorsExitOneAndUsageErrorsExitTwo() {
        Run badSpec = myelin(
                "tune",
                "--data",
                "moons",
                "--lr",
                "1e-4:oops",
                "--out",
                dir.resolve("x").toString());
        assertThat(badSpec.exit()).isEqualTo(1);
        assertThat(badSpec.err()).contains("--lr: bad value '1e-4:oops'");
        Run badStrategy = myelin(
                "tune",
                "--data",
                "moons",
                "--strategy",
                "annealing",
                "--out",
                dir.resolve("y").toString());
        assertThat(badStrategy.exit()).isEqualTo(1);
        assertThat(badStrategy.err()).contains("--strategy: unknown 'annealing'");
        Run tooMany = myelin("tune", "--data", "moons", "--parallel", "64", "--threads-per-trial", "64");
        assertThat(tooMany.exit()).isEqualTo(1);
        assertThat(tooMany.err()).contains("--parallel 64 x --threads-per-trial 64");
        assertThat(myelin("tune", "--data", "moons", "--no-such-flag").exit()).isEqualTo(2);
        assertThat(myelin("tune", "--data", "moons", "--trials", "many").exit()).isEqualTo(2);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
