package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The course demos and {@code myelin info}. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class DemoAndInfoTest {
    @TempDir
    Path dir;

    @Test
    void xorIsLearnedByOneHiddenLayer() {
        Cli.Result r = Cli.run("demo", "xor", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("epoch 300")
                .contains("4/4 correct")
                .containsPattern(" 0  0 \\|   0    \\| \\d\\.\\d{3}  0")
                .containsPattern(" 0  1 \\|   1    \\| \\d\\.\\d{3}  1")
                .containsPattern(" 1  0 \\|   1    \\| \\d\\.\\d{3}  1")
                .containsPattern(" 1  1 \\|   0    \\| \\d\\.\\d{3}  0");
        assertThat(dir.resolve("decision-boundary.png")).isNotEmptyFile();
    }

    @Test
    void perceptronLearnsAndAndOrButNotXor() {
        Cli.Result r = Cli.run("demo", "perceptron");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .containsPattern("AND .*predictions 0 0 0 1 \\(targets 0 0 0 1\\)")
                .containsPattern("OR .*predictions 0 1 1 1 \\(targets 0 1 1 1\\)")
                .containsPattern("XOR .*after 100 epochs")
                .containsIgnoringCase("not linearly separable");
    }

    @Test
    void regressionFitsTheRowSums() {
        Cli.Result r = Cli.run("demo", "regression");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("Epoch 0, Loss: ").contains("Epoch 1999, Loss: ");
        String last = r.out()
                .lines()
                .filter(l -> l.startsWith("Epoch 1999"))
                .findFirst()
                .orElseThrow();
        assertThat(Double.parseDouble(last.substring(last.indexOf(':') + 1).trim()))
                .isLessThan(0.05);
    }

    @Test
    void infoPrintsTheSimdWidth() {
        Cli.Result r = Cli.run("info");
        assertThat(r.exitCode()).isZero();
        var species = FloatVector.SPECIES_PREFERRED;
        assertThat(r.out())
                .contains("kernels  SIMD (Vector API, " + species.vectorBitSize() + "-bit vectors, " + species.length()
                        + " floats)")
                .contains("myelin   0.1.0-SNAPSHOT")
                .contains("java     " + Runtime.version())
                .contains("threads  ")
                .contains("modules  Sequential, GraphModule, Linear, MLP,")
                .contains("LogSoftmax");
    }

    @Test
    void helpAndVersion() {
        Cli.Result help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains("train")
                .contains("eval")
                .contains("predict")
                .contains("demo")
                .contains("info");
        assertThat(Cli.run("--version").exitCode()).isZero();
    }

    /** Every command's --help renders cleanly: picocli warns on stderr when a description has a stray % (a format). */
    @Test
    void everyCommandsHelpRendersWithoutWarnings() {
        java.util.List<java.util.List<String>> paths = new java.util.ArrayList<>();
        collect(MyelinCommand.commandLine(), new java.util.ArrayList<>(), paths);
        assertThat(paths).hasSizeGreaterThan(5);
        for (java.util.List<String> path : paths) {
            java.util.List<String> args = new java.util.ArrayList<>(path);
            args.add("--help");
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as("myelin %s", String.join(" ", args)).isZero();
            assertThat(r.err()).as("myelin %s", String.join(" ", args)).doesNotContain("WARN");
            assertThat(r.out()).as("myelin %s", String.join(" ", args)).contains("Usage:");
        }
    }

    private static void collect(
            picocli.CommandLine cl, java.util.List<String> path, java.util.List<java.util.List<String>> paths) {
        paths.add(java.util.List.copyOf(path));
        for (var sub : cl.getSubcommands().entrySet()) {
            if (!sub.getValue().getCommandName().equals(sub.getKey())) continue; // an alias: its command is listed once
            path.add(sub.getKey());
            collect(sub.getValue(), path, paths);
            path.remove(path.size() - 1);
        }
    }
}
