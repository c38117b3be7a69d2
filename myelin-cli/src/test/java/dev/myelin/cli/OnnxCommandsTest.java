package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.tensor.Tensor;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * {@code myelin export} and {@code myelin import}: the README's main-job model (an MLP of 256 and 128 on
 * Fashion-MNIST, here trained for one epoch) exported to ONNX and run by ONNX Runtime on the 10000 test images
 * gives the accuracy Myelin reports, to the last digit; an ONNX file imports and evaluates like the model.
 */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class OnnxCommandsTest {
    @TempDir
    Path dir;

    @Test
    void exportedMainJobModelHasMyelinsAccuracyInOnnxRuntime() throws Exception {
        assumeThat(FashionMnistEndToEndTest.DATA.resolve("t10k-images-idx3-ubyte.gz"))
                .as("Fashion-MNIST")
                .exists();
        Path run = dir.resolve("run");
        Cli.Result trained = Cli.run(
                "train", "--data", "fashion-mnist", "--hidden", "256,128", "--epochs", "1", "--out", run.toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        double reported = new ObjectMapper()
                .readTree(run.resolve("summary.json").toFile())
                .get("test")
                .get("accuracy")
                .asDouble();

        Cli.Result exported = Cli.run("export", run.resolve("model.safetensors").toString(), "--format", "onnx");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        Path onnx = run.resolve("model.onnx");
        assertThat(exported.out()).contains("wrote " + onnx + ": ONNX opset 17, input \"input\" [batch, 784]");

        LoadedData data = DataSources.load("fashion-mnist", null, 42);
        Tensor x = data.test().features(), y = data.test().targets();
        int n = x.shape()[0], correct = 0;
        float[] pixels = x.toArray(), labels = y.toArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            for (int start = 0; start < n; start += 1000) {
                int rows = Math.min(1000, n - start);
                FloatBuffer batch =
                        FloatBuffer.wrap(pixels, start * 784, rows * 784).slice();
                try (OnnxTensor input = OnnxTensor.createTensor(env, batch, new long[] {rows, 784});
                        OrtSession.Result result = session.run(Map.of("input", input))) {
                    float[][] logits = (float[][]) result.get(0).getValue();
                    for (int i = 0; i < rows; i++) if (argmax(logits[i]) == (int) labels[start + i]) correct++;
                }
            }
        }
        double accuracy = (double) correct / n;
        System.err.printf("ONNX Runtime accuracy %.4f (%d/%d), Myelin reported %.4f%n", accuracy, correct, n, reported);
        assertThat(n).isEqualTo(10000);
        assertThat(accuracy).isEqualTo(reported);
    }

    /** Each built-in (as train builds it for 28x28 images and 10 classes) exports, and ONNX Runtime gives its outputs. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"cnn", "lenet", "rnn", "lstm", "gru", "transformer"})
    void everyBuiltInExportsWithItsOutputs(String name) throws Exception {
        String spec = switch (name) {
            case "cnn", "lenet" -> BuiltinModels.spec(name, 1, 28, 28, 10);
            case "transformer" -> BuiltinModels.transformer(28, 28, 0, TransformerShape.DEFAULT, 10);
            default -> BuiltinModels.recurrent(name, 28, 28, 0, new RecurrentShape(32, 2, true, 0.1), 10);
        };
        dev.myelin.nn.Module model = dev.myelin.nn.Architecture.fromJson(spec, new dev.myelin.tensor.Generator(4));
        Path file = dir.resolve(name + ".safetensors");
        dev.myelin.io.ModelFile.save(file, model);
        Cli.Result exported = Cli.run("export", file.toString(), "--format", "onnx");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        model.eval();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session =
                env.createSession(dir.resolve(name + ".onnx").toString(), new OrtSession.SessionOptions())) {
            for (int batch : new int[] {1, 5}) {
                Tensor x = Tensor.rand(new dev.myelin.tensor.Generator(batch), batch, 784);
                float[][] onnx;
                try (OnnxTensor input =
                                OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toArray()), new long[] {batch, 784});
                        OrtSession.Result result = session.run(Map.of("input", input))) {
                    onnx = (float[][]) result.get(0).getValue();
                }
                float[] ours;
                try (var ignored = dev.myelin.autograd.NoGrad.enter()) {
                    ours = model.forward(x).toArray();
                }
                for (int i = 0; i < batch; i++)
                    for (int j = 0; j < 10; j++)
                        assertThat((double) onnx[i][j])
                                .as(name + " batch " + batch + " [" + i + "][" + j + "]")
                                .isCloseTo(
                                        ours[i * 10 + j],
                                        org.assertj.core.api.Assertions.within(
                                                1e-5 * Math.max(1, Math.abs(ours[i * 10 + j]))));
            }
        }
    }

    @Test
    void importWritesAModelFileThatExportsAgain() throws Exception {
        Path onnx = dir.resolve("mlp.onnx"), model = dir.resolve("mlp.safetensors");
        dev.myelin.onnx.OnnxExporter.write(
                onnx, new dev.myelin.nn.MLP(6, java.util.List.of(5), 3, new dev.myelin.tensor.Generator(1)), 6);
        Cli.Result imported = Cli.run("import", onnx.toString(), "--out", model.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("wrote " + model + ": 3 layers, 53 parameters");
        Cli.Result exported = Cli.run(
                "export",
                model.toString(),
                "--format",
                "onnx",
                "--out",
                dir.resolve("again.onnx").toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(dir.resolve("again.onnx")).isNotEmptyFile();
    }

    @Test
    void badInputIsOneLineNamingTheProblem() throws Exception {
        Path notOnnx = dir.resolve("x.onnx");
        Files.writeString(notOnnx, "not a protobuf \u00ff\u00ff");
        Cli.Result r = Cli.run(
                "import",
                notOnnx.toString(),
                "--out",
                dir.resolve("m.safetensors").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("x.onnx").doesNotContain("\tat ");
        Cli.Result format = Cli.run("export", notOnnx.toString(), "--format", "tflite");
        assertThat(format.exitCode()).isEqualTo(1);
        assertThat(format.err()).contains("unknown format 'tflite'").doesNotContain("\tat ");
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
