package dev.myelin.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.NoGrad;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.Module;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.attention.Transformer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graphs of several named inputs: each module's {@code call} inputs become graph inputs, its outputs graph outputs,
 * and ONNX Runtime's outputs equal Myelin's eval-mode {@code call} within 1e-5 at batch sizes 1, 3 and 8.
 */
class OnnxMultiInputTest {
    private static final int[] BATCHES = {1, 3, 8};

    /** A sequence-first input [L, N, E] or a batch-first one [N, L, E], the batch dimension symbolic. */
    private static GraphInput seq(String name, boolean batchFirst, int length, int features) {
        return new GraphInput(name, batchFirst ? 0 : 1, length, features);
    }

    @Test
    void anEncoderWithAttentionAndPaddingMasksAsThreeInputs() throws Exception {
        Module m = Architecture.fromJson(
                "{\"type\":\"TransformerEncoder\",\"numLayers\":2,\"encoderLayer\":"
                        + OnnxExportTest.encoderLayer("\"batchFirst\":true") + "}",
                new Generator(5));
        check(
                "encoder with masks",
                m,
                List.of(seq("src", true, 5, 8), new GraphInput("mask", -1, 5, 5), GraphInput.batchFirst("padding", 5)));
    }

    @ParameterizedTest(name = "batchFirst={0}")
    @ValueSource(booleans = {true, false})
    void selfAttentionOnThePackedProjectionWithItsWeights(boolean batchFirst) throws Exception {
        Module m = Architecture.fromJson(
                "{\"type\":\"MultiheadAttention\",\"embedDim\":8,\"numHeads\":2,\"batchFirst\":" + batchFirst + "}",
                new Generator(11));
        check(
                "self-attention",
                m,
                List.of(seq("query", batchFirst, 4, 8), seq("key", batchFirst, 6, 8), seq("value", batchFirst, 6, 8)));
    }

    @ParameterizedTest(name = "batchFirst={0}")
    @ValueSource(booleans = {true, false})
    void crossAttentionWithKdimVdimAndBothMasks(boolean batchFirst) throws Exception {
        Module m = Architecture.fromJson(
                "{\"type\":\"MultiheadAttention\",\"embedDim\":8,\"numHeads\":4,\"kdim\":5,\"vdim\":3,\"batchFirst\":"
                        + batchFirst + "}",
                new Generator(12));
        check(
                "cross-attention",
                m,
                List.of(
                        seq("query", batchFirst, 4, 8),
                        seq("key", batchFirst, 6, 5),
                        seq("value", batchFirst, 6, 3),
                        GraphInput.batchFirst("keyPaddingMask", 6),
                        new GraphInput("attnMask", -1, 4, 6)));
    }

    @Test
    void attentionWithoutBias() throws Exception {
        Module m = Architecture.fromJson(
                "{\"type\":\"MultiheadAttention\",\"embedDim\":6,\"numHeads\":3,\"bias\":false}", new Generator(13));
        check("no bias", m, List.of(seq("query", false, 3, 6), seq("key", false, 3, 6), seq("value", false, 3, 6)));
    }

    @ParameterizedTest(name = "normFirst={0}")
    @ValueSource(booleans = {false, true})
    void decoderLayerWithAllFourMasks(boolean normFirst) throws Exception {
        Module m = Architecture.fromJson(decoderLayer(normFirst, true), new Generator(21));
        check(
                "decoder layer",
                m,
                List.of(
                        seq("tgt", true, 4, 8),
                        seq("memory", true, 6, 8),
                        new GraphInput("tgtMask", -1, 4, 4),
                        new GraphInput("memoryMask", -1, 4, 6),
                        GraphInput.batchFirst("tgtKeyPaddingMask", 4),
                        GraphInput.batchFirst("memoryKeyPaddingMask", 6)));
    }

    @ParameterizedTest(name = "normFirst={0}")
    @ValueSource(booleans = {false, true})
    void decoderOfTwoLayersWithFinalNorm(boolean normFirst) throws Exception {
        Module m = Architecture.fromJson(
                "{\"type\":\"TransformerDecoder\",\"numLayers\":2,\"norm\":{\"type\":\"LayerNorm\",\"normalizedShape\":[8]},"
                        + "\"decoderLayer\":" + decoderLayer(normFirst, false) + "}",
                new Generator(22));
        check("decoder", m, List.of(seq("tgt", false, 4, 8), seq("memory", false, 6, 8)));
    }

    @ParameterizedTest(name = "batchFirst={0}")
    @ValueSource(booleans = {false, true})
    void wholeTransformerWithCausalTargetMask(boolean batchFirst) throws Exception {
        Module m = Architecture.fromJson(
                "{\"type\":\"Transformer\",\"dModel\":8,\"nhead\":2,\"numEncoderLayers\":2,\"numDecoderLayers\":2,"
                        + "\"dimFeedforward\":16,\"activation\":\"gelu\",\"batchFirst\":" + batchFirst + "}",
                new Generator(23));
        check("transformer", m, List.of(seq("src", batchFirst, 6, 8), seq("tgt", batchFirst, 4, 8)));
        check(
                "transformer with masks",
                m,
                List.of(
                        seq("src", batchFirst, 6, 8),
                        seq("tgt", batchFirst, 4, 8),
                        new GraphInput("srcMask", -1, 6, 6),
                        new GraphInput("tgtMask", -1, 4, 4),
                        new GraphInput("memoryMask", -1, 4, 6),
                        GraphInput.batchFirst("srcKeyPaddingMask", 6),
                        GraphInput.batchFirst("tgtKeyPaddingMask", 4),
                        GraphInput.batchFirst("memoryKeyPaddingMask", 6)));
    }

    @Test
    void inputsAndOutputsAreNamedAndTheBatchIsSymbolic() {
        Module m = Architecture.fromJson(
                "{\"type\":\"MultiheadAttention\",\"embedDim\":4,\"numHeads\":2}", new Generator(1));
        var graph = OnnxExporter.toModel(
                        m, List.of(seq("query", false, 3, 4), seq("key", false, 5, 4), seq("value", false, 5, 4)))
                .getGraph();
        assertThat(graph.getInputList().stream().map(i -> i.getName())).containsExactly("query", "key", "value");
        assertThat(graph.getOutputList().stream().map(i -> i.getName())).containsExactly("output", "weights");
        var query = graph.getInput(0).getType().getTensorType().getShape();
        assertThat(query.getDim(0).getDimValue()).isEqualTo(3);
        assertThat(query.getDim(1).getDimParam()).isEqualTo("batch");
        var weights = graph.getOutput(1).getType().getTensorType().getShape();
        assertThat(weights.getDim(0).getDimParam()).isEqualTo("batch");
        assertThat(weights.getDim(2).getDimValue()).isEqualTo(5);
    }

    @Test
    void aModuleOfOneInputGivenSeveralIsNamed() {
        Module m = new dev.myelin.nn.Linear(4, 2, new Generator(0));
        assertThatThrownBy(() ->
                        OnnxExporter.toModel(m, List.of(GraphInput.batchFirst("a", 4), GraphInput.batchFirst("b", 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Linear");
    }

    @Test
    void aPerHeadMaskIsNamedAsUnsupported() {
        Module m = Architecture.fromJson(
                "{\"type\":\"MultiheadAttention\",\"embedDim\":4,\"numHeads\":2,\"batchFirst\":true}",
                new Generator(1));
        // a 3-D mask's first size is batch × heads: it cannot follow a symbolic batch
        assertThatThrownBy(() -> OnnxExporter.toModel(
                        m,
                        List.of(
                                seq("query", true, 3, 4),
                                seq("key", true, 3, 4),
                                seq("value", true, 3, 4),
                                GraphInput.batchFirst("keyPaddingMask", 3),
                                new GraphInput("attnMask", -1, 4, 3, 3))))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("MultiheadAttention");
    }

    @Test
    void twoInputsOfOneNameAreRefused() {
        Module m = Architecture.fromJson(
                "{\"type\":\"MultiheadAttention\",\"embedDim\":4,\"numHeads\":2}", new Generator(1));
        assertThatThrownBy(() -> OnnxExporter.toModel(
                        m, List.of(seq("x", false, 3, 4), seq("x", false, 3, 4), seq("v", false, 3, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two graph inputs are named 'x'");
    }

    static String decoderLayer(boolean normFirst, boolean batchFirst) {
        return "{\"type\":\"TransformerDecoderLayer\",\"dModel\":8,\"nhead\":2,\"dimFeedforward\":16,\"dropout\":0.1,"
                + "\"normFirst\":" + normFirst + ",\"batchFirst\":" + batchFirst + "}";
    }

    /** Exports {@code model} with {@code inputs}, runs it in ONNX Runtime and compares every output with Myelin's. */
    static void check(String name, Module model, List<GraphInput> inputs) throws Exception {
        byte[] onnx = OnnxExporter.toModel(model, inputs).toByteArray();
        try (OrtRunner ort = new OrtRunner(onnx)) {
            for (int batch : BATCHES) {
                Map<String, Tensor> feed = new HashMap<>();
                Tensor[] args = new Tensor[inputs.size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = sample(inputs.get(i), batch, new Generator(100 * batch + i));
                    feed.put(inputs.get(i).name(), args[i]);
                }
                Outputs expected;
                model.eval();
                try (NoGrad ignored = NoGrad.enter()) {
                    expected = model.call(args);
                }
                List<Tensor> actual = ort.run(feed);
                assertThat(actual).hasSize(expected.size());
                for (int k = 0; k < actual.size(); k++)
                    Close.assertClose(
                            name + " " + expected.names().get(k) + ", batch " + batch, actual.get(k), expected.get(k));
            }
        }
    }

    /**
     * Random values for an input: a key padding mask (batched, named "...adding...") pads the last position of every
     * other example; a square attention mask is the causal one; another mask is random and additive.
     */
    private static Tensor sample(GraphInput in, int batch, Generator gen) {
        int[] shape = in.withBatch(batch);
        String lower = in.name().toLowerCase(java.util.Locale.ROOT);
        if (in.batchAxis() >= 0 && lower.contains("padding")) {
            int s = shape[1];
            float[] v = new float[batch * s];
            for (int n = 1; n < batch; n += 2) v[n * s + s - 1] = 1;
            return Tensor.fromArray(v, shape);
        }
        if (in.batchAxis() < 0 && shape.length == 2 && shape[0] == shape[1])
            return Transformer.generateSquareSubsequentMask(shape[0]);
        return Tensor.randn(gen, shape);
    }
}
