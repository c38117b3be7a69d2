package dev.myelin.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every example program as a user would (its main), on its small data, and checks what it prints. */
class ExamplesTest {

    /** The program's standard output. */
    private interface Main {
        void run() throws Exception;
    }

    private static String output(Main main) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        saved.print(out);
        return out;
    }

    @Test
    void courseRegressionLowersTheLoss() throws Exception {
        List<String> lines = output(() -> CourseRegression.main(new String[0])).lines().toList();
        assertThat(lines).hasSize(100);
        assertThat(lines.get(0)).startsWith("Epoch 0, Loss: ");
        double first = Double.parseDouble(lines.get(0).substring(lines.get(0).indexOf(':') + 1));
        double last = Double.parseDouble(lines.get(99).substring(lines.get(99).indexOf(':') + 1));
        assertThat(last).isLessThan(first);
    }

    @Test
    void courseClassifierPrintsTheSameScoreEveryRun() throws Exception {
        String first = output(() -> CourseClassifier.main(new String[0]));
        String second = output(() -> CourseClassifier.main(new String[0]));
        assertThat(second).isEqualTo(first).contains(" after ").contains(" iterations");
        assertThat(Double.parseDouble(first.substring(0, first.indexOf(' ')))).isGreaterThan(0.6);
    }

    @Test
    void theEstimatorPipelineSearchesSavesAndReloads(@TempDir Path dir) throws Exception {
        String first = output(() -> EstimatorPipeline.main(new String[] {dir.toString()}));
        String second = output(() -> EstimatorPipeline.main(new String[] {dir.toString()}));
        assertThat(second).isEqualTo(first); // every seed fixed
        List<String> lines = first.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("best {").contains("cv accuracy ");
        assertThat(lines.get(1)).startsWith("loaded ").contains(" test accuracy ");
        double cv = Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
        double test = Double.parseDouble(lines.get(1).substring(lines.get(1).lastIndexOf(' ') + 1));
        assertThat(cv).isGreaterThan(0.7);
        assertThat(test).isGreaterThan(0.7);
        assertThat(dir.resolve("classifier.safetensors")).exists();
    }

    @Test
    void aCustomModuleSavedByOneProgramLoadsInAnother(@TempDir Path dir) throws Exception {
        String saved = output(() -> SaveCustomModel.main(new String[] {dir.toString()}));
        String loaded = output(() -> LoadCustomModel.main(new String[] {dir.toString()}));
        String predictions = saved.lines().filter(l -> l.startsWith("predictions ")).findFirst().orElseThrow();
        assertThat(loaded.lines().toList()).containsExactly(predictions, predictions);
        assertThat(Double.parseDouble(saved.lines().findFirst().orElseThrow().substring("final loss ".length()))).isLessThan(0.3);
    }

    @Test
    void fashionMnistTrainsWithLoaderTrainerCallbacksAndCheckpoint(@TempDir Path dir) throws Exception {
        String out = output(() -> FashionMnistTraining.main(new String[] {dir.toString()}));
        if (out.startsWith("Fashion-MNIST not found")) return; // .ci/run installs it; elsewhere the program says where it looked
        assertThat(Files.exists(dir.resolve("fashion-mnist-best.safetensors"))).isTrue();
        String last = out.lines().filter(l -> l.startsWith("best val_loss ")).findFirst().orElseThrow();
        double accuracy = Double.parseDouble(last.split(" ")[4]);
        assertThat(accuracy).isGreaterThan(0.7);
    }

    @Test
    void eachArchitectureLearnsItsTask() throws Exception {
        assertThat(lastNumber(output(() -> GcnKarateClub.main(new String[0])))).isGreaterThan(0.9);
        String gat = output(() -> GatKarateClub.main(new String[0]));
        assertThat(gat).containsPattern("member 8 attends to:( \\d+ \\(0\\.\\d\\d\\)){6}\n"); // 5 friends and itself
        assertThat(lastNumber(gat)).isGreaterThan(0.8);
        assertThat(lastNumber(output(() -> LstmSequence.main(new String[0])))).isGreaterThan(0.9);
        assertThat(lastNumber(output(() -> TransformerSequence.main(new String[0])))).isGreaterThan(0.9);
        String gan = output(() -> GanRing.main(new String[0]));
        assertThat(gan.lines().filter(l -> l.startsWith("epoch ")).count()).isEqualTo(5);
        assertThat(gan).doesNotContain("NaN");
        String cnn = output(() -> CnnFashionMnist.main(new String[0]));
        if (!cnn.startsWith("Fashion-MNIST not found")) assertThat(lastNumber(cnn)).isGreaterThan(0.6);
    }

    /** The last number of the program's output (its accuracy line). */
    private static double lastNumber(String out) {
        String[] words = out.strip().split("\\s+");
        return Double.parseDouble(words[words.length - 1]);
    }
}
