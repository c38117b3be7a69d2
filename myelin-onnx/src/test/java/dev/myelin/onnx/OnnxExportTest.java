package dev.myelin.onnx;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.NoGrad;
import dev.myelin.nn.Activation;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Export → ONNX Runtime → the same outputs as Myelin's eval-mode forward within 1e-5, on random inputs of batch
 * sizes 1, 3 and 8, for every exportable layer in a small model.
 */
class OnnxExportTest {
    private static final int[] BATCHES = {1, 3, 8};

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of(
                        "MLP type",
                        "{\"type\":\"MLP\",\"inputDim\":6,\"hiddenLayers\":[8,5],\"outputDim\":3,\"activation\":\"tanh\"}",
                        new int[] {6}),
                Arguments.of(
                        "batch norm and dropout",
                        seq(
                                lin(6, 8),
                                "{\"type\":\"BatchNorm1d\",\"numFeatures\":8}",
                                "{\"type\":\"ReLU\"}",
                                "{\"type\":\"Dropout\",\"p\":0.5}",
                                lin(8, 3)),
                        new int[] {6}),
                Arguments.of(
                        "batch norm without affine, on [N, C, L]",
                        seq(
                                unflatten(3, 4),
                                "{\"type\":\"BatchNorm1d\",\"numFeatures\":3,\"affine\":false}",
                                "{\"type\":\"Flatten\"}",
                                lin(12, 2)),
                        new int[] {12}),
                Arguments.of(
                        "linear on [N, T, F]",
                        seq(
                                unflatten(3, 4),
                                lin(4, 5),
                                "{\"type\":\"Linear\",\"in\":5,\"out\":2,\"bias\":false}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {12}),
                Arguments.of(
                        "layer norm",
                        seq(
                                lin(6, 8),
                                "{\"type\":\"LayerNorm\",\"normalizedShape\":[8]}",
                                lin(8, 12),
                                unflatten(3, 4),
                                "{\"type\":\"LayerNorm\",\"normalizedShape\":[3,4],\"elementwiseAffine\":false}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {6}),
                Arguments.of(
                        "softplus with beta, softmax over dim 1 of 3",
                        seq(
                                lin(6, 12),
                                "{\"type\":\"Softplus\",\"beta\":2,\"threshold\":3}",
                                unflatten(3, 4),
                                "{\"type\":\"Softmax\",\"dim\":1}",
                                "{\"type\":\"LogSoftmax\",\"dim\":-1}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {6}),
                Arguments.of(
                        "mean and select",
                        seq(
                                unflatten(4, 3),
                                "{\"type\":\"Mean\",\"dim\":1,\"keepDim\":true}",
                                "{\"type\":\"Select\",\"dim\":1,\"index\":0}",
                                lin(3, 2),
                                "{\"type\":\"PReLU\",\"numParameters\":2}"),
                        new int[] {12}),
                Arguments.of(
                        "cnn",
                        seq(
                                unflatten(1, 12, 12),
                                conv("\"inChannels\":1,\"outChannels\":4,\"kernelSize\":3,\"padding\":1"),
                                "{\"type\":\"ReLU\",\"inplace\":true}",
                                "{\"type\":\"MaxPool2d\",\"kernelSize\":2}",
                                conv("\"inChannels\":4,\"outChannels\":6,\"kernelSize\":3,\"padding\":1"),
                                "{\"type\":\"ReLU\"}",
                                "{\"type\":\"MaxPool2d\",\"kernelSize\":2}",
                                "{\"type\":\"Flatten\"}",
                                lin(54, 5)),
                        new int[] {144}),
                Arguments.of(
                        "conv options",
                        seq(
                                unflatten(2, 9, 9),
                                conv(
                                        "\"inChannels\":2,\"outChannels\":4,\"kernelSize\":3,\"stride\":2,\"dilation\":2,\"groups\":2,\"padding\":2"),
                                conv(
                                        "\"inChannels\":4,\"outChannels\":4,\"kernelSize\":[2,3],\"padding\":\"same\",\"bias\":false"),
                                conv(
                                        "\"inChannels\":4,\"outChannels\":3,\"kernelSize\":3,\"padding\":1,\"paddingMode\":\"reflect\""),
                                conv(
                                        "\"inChannels\":3,\"outChannels\":3,\"kernelSize\":3,\"padding\":1,\"paddingMode\":\"replicate\""),
                                "{\"type\":\"BatchNorm2d\",\"numFeatures\":3}",
                                "{\"type\":\"PReLU\",\"numParameters\":3}",
                                "{\"type\":\"Dropout2d\",\"p\":0.3}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {162}),
                Arguments.of(
                        "conv1d",
                        seq(
                                unflatten(2, 10),
                                "{\"type\":\"Conv1d\",\"inChannels\":2,\"outChannels\":3,\"kernelSize\":3,\"stride\":2,\"padding\":1}",
                                "{\"type\":\"ELU\"}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {20}),
                Arguments.of(
                        "transposed conv",
                        seq(
                                unflatten(3, 5, 5),
                                "{\"type\":\"ConvTranspose2d\",\"inChannels\":3,\"outChannels\":2,\"kernelSize\":3,\"stride\":2,\"padding\":1,\"outputPadding\":1}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {75}),
                Arguments.of(
                        "pools",
                        seq(
                                unflatten(2, 12, 12),
                                "{\"type\":\"AdaptiveAvgPool2d\",\"outputSize\":6}",
                                "{\"type\":\"MaxPool2d\",\"kernelSize\":3,\"stride\":2,\"padding\":1}",
                                "{\"type\":\"AvgPool2d\",\"kernelSize\":2,\"padding\":1,\"countIncludePad\":false}",
                                "{\"type\":\"AvgPool2d\",\"kernelSize\":2,\"stride\":1,\"padding\":1}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {288}),
                Arguments.of(
                        "pools, ceil mode",
                        seq(
                                unflatten(1, 10, 10),
                                "{\"type\":\"MaxPool2d\",\"kernelSize\":3,\"stride\":2,\"ceilMode\":true}",
                                "{\"type\":\"AvgPool2d\",\"kernelSize\":2,\"ceilMode\":true}",
                                "{\"type\":\"AdaptiveMaxPool2d\",\"outputSize\":1}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {100}),
                Arguments.of("lstm built-in", recurrent("LSTM", "\"numLayers\":1"), new int[] {20}),
                Arguments.of(
                        "gru, 2 layers, bidirectional",
                        recurrent("GRU", "\"numLayers\":2,\"bidirectional\":true"),
                        new int[] {20}),
                Arguments.of(
                        "rnn relu, bidirectional",
                        recurrent("RNN", "\"nonlinearity\":\"relu\",\"bidirectional\":true"),
                        new int[] {20}),
                Arguments.of(
                        "lstm, 2 layers, no bias", recurrent("LSTM", "\"numLayers\":2,\"bias\":false"), new int[] {20}),
                Arguments.of(
                        "transformer built-in",
                        seq(
                                unflatten(6, 4),
                                lin(4, 8),
                                "{\"type\":\"LearnedPositionalEmbedding\",\"maxLen\":6,\"dModel\":8,\"batchFirst\":true,\"initStd\":0.5}",
                                "{\"type\":\"TransformerEncoder\",\"numLayers\":2,\"encoderLayer\":"
                                        + encoderLayer("\"batchFirst\":true") + "}",
                                "{\"type\":\"Mean\",\"dim\":1}",
                                lin(8, 3)),
                        new int[] {24}),
                Arguments.of(
                        "encoder layer: norm first, gelu, sinusoidal positions, final norm",
                        seq(
                                unflatten(5, 8),
                                "{\"type\":\"SinusoidalPositionalEncoding\",\"dModel\":8,\"maxLen\":10,\"batchFirst\":true}",
                                "{\"type\":\"TransformerEncoder\",\"numLayers\":1,\"norm\":{\"type\":\"LayerNorm\",\"normalizedShape\":[8]},\"encoderLayer\":"
                                        + encoderLayer("\"batchFirst\":true,\"normFirst\":true,\"activation\":\"gelu\"")
                                        + "}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {40}),
                Arguments.of(
                        "encoder layer, sequence first",
                        seq(unflatten(5, 8), encoderLayer("\"nhead\":4"), "{\"type\":\"Flatten\"}"),
                        new int[] {40}),
                Arguments.of(
                        "upsample",
                        seq(
                                unflatten(2, 3, 4),
                                "{\"type\":\"Upsample\",\"scaleFactor\":2}",
                                "{\"type\":\"Upsample\",\"scaleFactor\":1.5,\"mode\":\"bilinear\"}",
                                "{\"type\":\"Upsample\",\"size\":[5,7],\"mode\":\"bilinear\",\"alignCorners\":true}",
                                "{\"type\":\"Upsample\",\"size\":[11,13]}",
                                "{\"type\":\"Upsample\",\"size\":[7,9],\"mode\":\"bilinear\"}",
                                "{\"type\":\"Flatten\"}"),
                        new int[] {24}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void runsInOnnxRuntimeWithMyelinsOutputs(String name, String spec, int[] inputShape) throws Exception {
        check(name, withRunningStatistics(Architecture.fromJson(spec, new Generator(7)), inputShape), inputShape);
    }

    /** An MLP with each activation between its layers (the ones ONNX has, and the composed ones). */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void mlpWithEveryActivation(Activation activation) throws Exception {
        Generator gen = new Generator(3);
        Module model = new Sequential(
                new dev.myelin.nn.Linear(6, 8, gen), activation.module(), new dev.myelin.nn.Linear(8, 3, gen));
        check(activation.key(), model, new int[] {6});
    }

    @Test
    void embeddingsOfIds() throws Exception {
        Module model = Architecture.fromJson(
                seq(
                        "{\"type\":\"Embedding\",\"numEmbeddings\":10,\"embeddingDim\":4}",
                        "{\"type\":\"Flatten\"}",
                        lin(20, 3)),
                new Generator(1));
        byte[] onnx = OnnxExporter.toModel(model, 5).toByteArray();
        try (OrtRunner ort = new OrtRunner(onnx)) {
            for (int batch : BATCHES) {
                Tensor ids = Tensor.randint(new Generator(batch), 0, 10, batch, 5);
                Close.assertClose("embedding, batch " + batch, ort.run(ids), eval(model, ids));
            }
        }
    }

    @Test
    void aModuleWithoutMappingIsNamedWithItsType() {
        Module model = new Sequential(new dev.myelin.nn.Linear(4, 4, new Generator(0)), new Doubler());
        assertThatThrownBy(() -> OnnxExporter.toModel(model, 4))
                .isInstanceOf(OnnxException.class)
                .hasMessageContaining("module '1' (Doubler) has no ONNX mapping");
    }

    @Test
    void aSettingTheOperatorLacksIsNamed() {
        Module model = Architecture.fromJson(
                seq(unflatten(1, 4, 4), "{\"type\":\"AvgPool2d\",\"kernelSize\":2,\"divisorOverride\":3}"),
                new Generator(0));
        assertThatThrownBy(() -> OnnxExporter.toModel(model, 16))
                .isInstanceOf(OnnxException.class)
                .hasMessageContaining("module '1' (AvgPool2d)")
                .hasMessageContaining("divisorOverride=3, which ONNX AveragePool lacks");
    }

    @Test
    void inputShapeComesFromTheFirstLayer() {
        org.assertj.core.api.Assertions.assertThat(OnnxExporter.inputShape(
                        Architecture.fromJson(seq("{\"type\":\"Dropout\"}", lin(7, 2)), new Generator(0))))
                .containsExactly(7);
        org.assertj.core.api.Assertions.assertThat(
                        OnnxExporter.inputShape(Architecture.fromJson(seq(unflatten(1, 28, 28)), new Generator(0))))
                .containsExactly(784);
    }

    static void check(String name, Module model, int[] inputShape) throws Exception {
        byte[] onnx = OnnxExporter.toModel(model, inputShape).toByteArray();
        try (OrtRunner ort = new OrtRunner(onnx)) {
            for (int batch : BATCHES) {
                int[] shape = new int[inputShape.length + 1];
                shape[0] = batch;
                System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
                Tensor x = Tensor.randn(new Generator(100 + batch), shape);
                Close.assertClose(name + ", batch " + batch, ort.run(x), eval(model, x));
            }
        }
    }

    static Tensor eval(Module model, Tensor x) {
        model.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            return model.forward(x);
        }
    }

    /** Trains-mode passes so batch norms' running statistics are not the initial zeros and ones. */
    static Module withRunningStatistics(Module model, int[] inputShape) {
        int[] shape = new int[inputShape.length + 1];
        shape[0] = 16;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        model.train();
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < 3; i++)
                model.forward(Tensor.randn(new Generator(i), shape).mul(2).add(0.5f));
        }
        return model.eval();
    }

    static String seq(String... layers) {
        return "{\"type\":\"Sequential\",\"layers\":[" + String.join(",", layers) + "]}";
    }

    /** The rnn/lstm/gru built-ins' graph: 5 steps of 4 features, a batch-first layer of 6, its last step, a Linear. */
    static String recurrent(String type, String args) {
        int directions = args.contains("\"bidirectional\":true") ? 2 : 1;
        return "{\"type\":\"GraphModule\",\"inputs\":[\"x\"],\"nodes\":["
                + "{\"name\":\"sequence\",\"module\":" + unflatten(5, 4) + ",\"inputs\":[\"x\"]},"
                + "{\"name\":\"rnn\",\"module\":{\"type\":\"" + type
                + "\",\"inputSize\":4,\"hiddenSize\":6,\"batchFirst\":true," + args + "},"
                + "\"inputs\":[\"sequence\"]},"
                + "{\"name\":\"last\",\"module\":{\"type\":\"Select\",\"dim\":1,\"index\":-1},\"inputs\":[\"rnn.output\"]},"
                + "{\"name\":\"fc\",\"module\":" + lin(6 * directions, 3)
                + ",\"inputs\":[\"last\"]}],\"outputs\":[\"fc\"]}";
    }

    /** An encoder layer of width 8 with 2 heads unless {@code args} say otherwise. */
    static String encoderLayer(String args) {
        String heads = args.contains("\"nhead\"") ? "" : "\"nhead\":2,";
        return "{\"type\":\"TransformerEncoderLayer\",\"dModel\":8," + heads + "\"dimFeedforward\":16,\"dropout\":0.1,"
                + args + "}";
    }

    static String lin(int in, int out) {
        return "{\"type\":\"Linear\",\"in\":" + in + ",\"out\":" + out + "}";
    }

    static String unflatten(int... sizes) {
        return "{\"type\":\"Unflatten\",\"dim\":1,\"sizes\":" + java.util.Arrays.toString(sizes) + "}";
    }

    static String conv(String args) {
        return "{\"type\":\"Conv2d\"," + args + "}";
    }

    /** A module type no export knows. */
    static final class Doubler extends Module {
        @Override
        public Tensor forward(Tensor input) {
            return input.mul(2);
        }
    }
}
