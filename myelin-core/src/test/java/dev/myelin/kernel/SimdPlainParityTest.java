package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library without {@code --add-modules jdk.incubator.vector}: {@link PathProbe} in a fresh JVM started without the
 * flag runs the plain-Java kernels (one "SIMD off" log line, no NoClassDefFoundError) and predicts what this JVM's SIMD
 * kernels predict, within float tolerance (the plain kernels sum in another order).
 */
class SimdPlainParityTest {

    @Test
    void withoutTheVectorModuleThePlainKernelsGiveTheSamePredictions() throws Exception {
        assertThat(Simd.ENABLED)
                .as("the test JVM runs with --add-modules jdk.incubator.vector")
                .isTrue();
        Map<String, float[]> simd = PathProbe.run();

        Child child = runWithoutVectorModule();
        assertThat(child.exit).as(child.err).isZero();
        assertThat(child.err)
                .doesNotContain("NoClassDefFoundError")
                .contains("SIMD off: add --add-modules jdk.incubator.vector");
        assertThat(child.err
                        .lines()
                        .filter(l -> l.contains("to run Myelin's Vector API kernels"))
                        .count())
                .as(child.err)
                .isEqualTo(1);
        assertThat(child.err).contains("kernels  plain Java (SIMD off: add --add-modules jdk.incubator.vector");
        List<String> lines = child.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("simd=false");
        Map<String, float[]> plain = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split(" ");
            float[] v = new float[f.length - 1];
            for (int i = 1; i < f.length; i++) v[i - 1] = Float.parseFloat(f[i]);
            plain.put(f[0], v);
        }
        assertThat(plain.keySet()).containsExactlyElementsOf(simd.keySet());
        for (String model : simd.keySet()) {
            float[] a = simd.get(model), b = plain.get(model);
            double worst = 0;
            for (int i = 0; i < Math.min(a.length, b.length); i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
            System.out.println("SimdPlainParityTest: " + model + " largest difference " + worst + " over " + a.length
                    + " predictions");
            assertThat(b).as(model).hasSize(a.length);
            for (int i = 0; i < a.length; i++) {
                assertThat(Float.isFinite(a[i]))
                        .as(model + "[" + i + "] finite")
                        .isTrue();
                assertThat((double) b[i])
                        .as(model + "[" + i + "]")
                        .isCloseTo(a[i], org.assertj.core.data.Offset.offset(2e-4 + 2e-4 * Math.abs(a[i])));
            }
        }
    }

    private record Child(int exit, String out, String err) {}

    /** PathProbe in a JVM of the same JDK and class path, without the Vector API module, two threads as here. */
    private static Child runWithoutVectorModule() throws IOException, InterruptedException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd =
                new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), PathProbe.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MYELIN_THREADS", Integer.toString(Parallel.threads()));
        Path out = Files.createTempFile("probe", ".out"), err = Files.createTempFile("probe", ".err");
        try {
            Process p =
                    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("PathProbe without the Vector API module did not finish in 120 s");
            }
            return new Child(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
