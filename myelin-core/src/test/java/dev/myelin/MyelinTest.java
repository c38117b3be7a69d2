package dev.myelin;

import static org.assertj.core.api.Assertions.assertThat;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** Myelin.info() in this (SIMD) JVM; the plain JVM's line is checked by SimdPlainParityTest. */
class MyelinTest {
    @Test
    void infoSaysWhichKernelsRunAndTheVersion() {
        var species = FloatVector.SPECIES_PREFERRED;
        assertThat(Myelin.simd()).isTrue();
        assertThat(Myelin.VERSION).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(Myelin.info())
                .startsWith("myelin   0.1.0-SNAPSHOT\n")
                .contains("kernels  SIMD (Vector API, " + species.vectorBitSize() + "-bit vectors, " + species.length()
                        + " floats)")
                .contains("java     " + Runtime.version())
                .contains("threads  ");
    }

    /** Started by the test below in a JVM whose class path lacks the progressbar jar. */
    public static void main(String[] args) {
        new dev.myelin.train.ProgressBarCallback(System.out);
    }

    @Test
    void withoutTheProgressBarJarTheCallbackNamesTheArtifactToAdd() throws Exception {
        String cp = java.util.Arrays.stream(
                        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.contains("progressbar"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        String javaBin = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(javaBin, "-cp", cp, MyelinTest.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(1);
        assertThat(out)
                .contains(
                        "IllegalStateException: ProgressBarCallback needs the optional dependency me.tongfei:progressbar:0.10.1")
                .contains("<artifactId>progressbar</artifactId>")
                .doesNotContain("NoClassDefFoundError");
    }
}
