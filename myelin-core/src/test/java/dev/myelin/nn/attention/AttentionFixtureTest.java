package dev.myelin.nn.attention;

import static dev.myelin.testing.Fixtures.assertClose;
import static dev.myelin.testing.Fixtures.load;
import static dev.myelin.testing.Fixtures.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.nn.Activation;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attention against PyTorch 1.13 (fixtures/attention.json from src/test/python/attention.py): scaled dot-product
 * attention (the explicit formula) with every mask kind, MultiheadAttention with every option, the encoder and
 * decoder layers (relu/gelu, norm first or after, batch first or not, masks), the stacks, nn.Transformer and
 * LayerNorm. With torch's parameters loaded, outputs and the gradients of Σ out·w (+ Σ weights·ww) with respect to
 * every input and parameter, in float32 against float64 references.
 */
class AttentionFixtureTest {
    private static final JsonNode FIX = load("attention");
    private static final double RTOL = 1e-4, ATOL = 1e-5;

    private static Stream<String> names(String group) {
        List<String> names = new ArrayList<>();
        FIX.get(group).fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    static Stream<String> sdpaCases() {
        return names("sdpa");
    }

    static Stream<String> mhaCases() {
        return names("mha");
    }

    static Stream<String> encoderCases() {
        return names("encoder_layers");
    }

    static Stream<String> decoderCases() {
        return names("decoder_layers");
    }

    static Stream<String> stackCases() {
        return names("stacks");
    }

    static Stream<String> layerNormCases() {
        return names("layer_norms");
    }

    @Test
    void everyOptionIsCovered() {
        assertThat(sdpaCases().toList())
                .contains("plain", "bool_mask", "additive_mask", "causal", "causal_l_lt_s", "l_gt_s_3d");
        assertThat(mhaCases().toList())
                .contains(
                        "batch_first",
                        "kdim_vdim",
                        "key_padding_mask",
                        "attn_mask_bool",
                        "attn_mask_float_per_head",
                        "per_head_weights",
                        "no_weights",
                        "unbatched",
                        "self_attention_batch_first");
        assertThat(encoderCases().toList()).contains("relu", "gelu_norm_first_batch_first", "masks_eps");
        assertThat(decoderCases().toList()).contains("relu", "gelu_norm_first");
        assertThat(stackCases().toList())
                .contains("encoder_norm", "decoder", "transformer", "transformer_gelu_norm_first_batch_first");
    }

    private static Tensor leaf(JsonNode c, String name) {
        return tensor(c.get(name)).requiresGrad(true);
    }

    @ParameterizedTest
    @MethodSource("sdpaCases")
    void sdpaMatchesTorch(String name) {
        JsonNode c = FIX.get("sdpa").get(name);
        AttentionMask mask = null;
        if (c.has("mask"))
            mask = c.get("mask_kind").asText().equals("allow")
                    ? AttentionMask.allow(tensor(c.get("mask")))
                    : AttentionMask.additive(tensor(c.get("mask")));
        boolean causal = c.get("causal").asBoolean();
        for (boolean fusedPath : new boolean[] {true, false}) {
            Tensor q = leaf(c, "q"), k = leaf(c, "k"), v = leaf(c, "v");
            Tensor out = fusedPath
                    ? AttentionF.scaledDotProductAttention(q, k, v, mask, causal)
                    : AttentionF.composite(q, k, v, mask, 0, causal, null, null).output();
            out.mul(tensor(c.get("w"))).sum().backward();
            String path = name + (fusedPath ? " fused" : " composite");
            assertClose(path + " out", out, tensor(c.get("out")), RTOL, ATOL);
            assertClose(path + " grad q", q.grad(), tensor(c.get("grad_q")), RTOL, ATOL);
            assertClose(path + " grad k", k.grad(), tensor(c.get("grad_k")), RTOL, ATOL);
            assertClose(path + " grad v", v.grad(), tensor(c.get("grad_v")), RTOL, ATOL);
        }
    }

    private static Map<String, Tensor> params(JsonNode c) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        c.get("params").fields().forEachRemaining(e -> p.put(e.getKey(), tensor(e.getValue())));
        return p;
    }

    /** Parameter names in torch's order, and every parameter's gradient. */
    private static void checkParams(String name, Module m, JsonNode c) {
        List<String> torchOrder = new ArrayList<>();
        c.get("param_names").forEach(n -> torchOrder.add(n.asText()));
        assertThat(new ArrayList<>(m.namedParameters().keySet()))
                .as(name + " parameter names")
                .isEqualTo(torchOrder);
        m.namedParameters()
                .forEach((n, p) -> assertClose(
                        name + " grad " + n, p.grad(), tensor(c.get("grads").get(n)), RTOL, ATOL));
    }

    @ParameterizedTest
    @MethodSource("mhaCases")
    void multiheadAttentionMatchesTorch(String name) {
        JsonNode c = FIX.get("mha").get(name);
        int e = c.get("embedDim").asInt();
        MultiheadAttention m = new MultiheadAttention(
                e,
                c.get("numHeads").asInt(),
                0,
                c.get("bias").asBoolean(),
                c.get("kdim").asInt(),
                c.get("vdim").asInt(),
                c.get("batchFirst").asBoolean(),
                new Generator(1));
        m.loadStateDict(params(c));
        m.eval();
        boolean self = c.get("selfAttn").asBoolean();
        Tensor q = leaf(c, "query"), k = self ? q : leaf(c, "key"), v = self ? q : leaf(c, "value");
        AttentionMask kpm = c.has("key_padding_mask") ? AttentionMask.block(tensor(c.get("key_padding_mask"))) : null;
        AttentionMask am = !c.has("attn_mask")
                ? null
                : c.get("attn_mask_kind").asText().equals("block")
                        ? AttentionMask.block(tensor(c.get("attn_mask")))
                        : AttentionMask.additive(tensor(c.get("attn_mask")));
        MultiheadAttention.AttentionOutput r = m.forward(
                q,
                k,
                v,
                kpm,
                c.get("needWeights").asBoolean(),
                am,
                c.get("average").asBoolean());
        Tensor loss = r.output().mul(tensor(c.get("wo"))).sum();
        assertClose(name + " out", r.output(), tensor(c.get("out")), RTOL, ATOL);
        if (c.has("weights")) {
            assertClose(name + " weights", r.weights(), tensor(c.get("weights")), RTOL, ATOL);
            loss = loss.add(r.weights().mul(tensor(c.get("ww"))).sum());
        } else {
            assertThat(r.weights()).isNull();
        }
        loss.backward();
        assertClose(name + " grad query", q.grad(), tensor(c.get("grad_query")), RTOL, ATOL);
        if (!self) {
            assertClose(name + " grad key", k.grad(), tensor(c.get("grad_key")), RTOL, ATOL);
            assertClose(name + " grad value", v.grad(), tensor(c.get("grad_value")), RTOL, ATOL);
        }
        checkParams(name, m, c);
    }

    /** Runs a module case: inputs as leaves, masks by PyTorch keyword, output and gradients compared. */
    private static void moduleCase(
            String name,
            Module m,
            JsonNode c,
            Function<List<Tensor>, Function<Map<String, AttentionMask>, Tensor>> run) {
        m.loadStateDict(params(c));
        m.eval();
        List<Tensor> in = new ArrayList<>();
        c.get("inputs").forEach(n -> in.add(tensor(n).requiresGrad(true)));
        Map<String, AttentionMask> masks = new LinkedHashMap<>();
        if (c.has("masks"))
            c.get("masks").fields().forEachRemaining(e -> {
                Tensor t = tensor(e.getValue());
                masks.put(
                        e.getKey(),
                        c.get("mask_kinds").get(e.getKey()).asText().equals("block")
                                ? AttentionMask.block(t)
                                : AttentionMask.additive(t));
            });
        Tensor out = run.apply(in).apply(masks);
        assertClose(name + " out", out, tensor(c.get("out")), RTOL, ATOL);
        out.mul(tensor(c.get("w"))).sum().backward();
        for (int i = 0; i < in.size(); i++)
            assertClose(
                    name + " grad input " + i,
                    in.get(i).grad(),
                    tensor(c.get("grad_inputs").get(i)),
                    RTOL,
                    ATOL);
        checkParams(name, m, c);
    }

    private static Activation act(JsonNode c) {
        return Activation.fromName(c.get("activation").asText());
    }

    @ParameterizedTest
    @MethodSource("encoderCases")
    void encoderLayerMatchesTorch(String name) {
        JsonNode c = FIX.get("encoder_layers").get(name);
        double eps = c.has("layerNormEps") ? c.get("layerNormEps").asDouble() : 1e-5;
        TransformerEncoderLayer m = new TransformerEncoderLayer(
                8,
                2,
                16,
                0.0,
                act(c),
                eps,
                c.get("batchFirst").asBoolean(),
                c.get("normFirst").asBoolean(),
                new Generator(2));
        moduleCase(
                name,
                m,
                c,
                in -> masks -> m.forward(in.get(0), masks.get("src_mask"), masks.get("src_key_padding_mask")));
    }

    @ParameterizedTest
    @MethodSource("decoderCases")
    void decoderLayerMatchesTorch(String name) {
        JsonNode c = FIX.get("decoder_layers").get(name);
        TransformerDecoderLayer m = new TransformerDecoderLayer(
                8, 2, 16, 0.0, act(c), 1e-5, false, c.get("normFirst").asBoolean(), new Generator(3));
        moduleCase(
                name,
                m,
                c,
                in -> masks -> m.forward(
                        in.get(0),
                        in.get(1),
                        masks.get("tgt_mask"),
                        masks.get("memory_mask"),
                        masks.get("tgt_key_padding_mask"),
                        masks.get("memory_key_padding_mask")));
    }

    @ParameterizedTest
    @MethodSource("stackCases")
    void stacksMatchTorch(String name) {
        JsonNode c = FIX.get("stacks").get(name);
        Generator gen = new Generator(4);
        switch (name) {
            case "encoder_norm" -> {
                TransformerEncoder m = new TransformerEncoder(
                        new TransformerEncoderLayer(8, 2, 16, 0.0, Activation.RELU, 1e-5, true, false, gen),
                        2,
                        new LayerNorm(8));
                moduleCase(name, m, c, in -> masks -> m.forward(in.get(0)));
            }
            case "decoder" -> {
                TransformerDecoder m = new TransformerDecoder(
                        new TransformerDecoderLayer(8, 2, 16, 0.0, Activation.RELU, 1e-5, false, false, gen), 2, null);
                moduleCase(
                        name,
                        m,
                        c,
                        in -> masks -> m.forward(in.get(0), in.get(1), masks.get("tgt_mask"), null, null, null));
            }
            case "transformer" -> {
                Transformer m = new Transformer(8, 2, 2, 2, 16, 0.0, Activation.RELU, 1e-5, false, false, gen);
                moduleCase(
                        name,
                        m,
                        c,
                        in -> masks -> m.forward(
                                in.get(0),
                                in.get(1),
                                null,
                                masks.get("tgt_mask"),
                                null,
                                masks.get("src_key_padding_mask"),
                                null,
                                masks.get("memory_key_padding_mask")));
            }
            case "transformer_gelu_norm_first_batch_first" -> {
                Transformer m = new Transformer(8, 4, 1, 1, 12, 0.0, Activation.GELU, 1e-5, true, true, gen);
                moduleCase(name, m, c, in -> masks -> m.forward(in.get(0), in.get(1)));
            }
            default -> throw new IllegalStateException("no Java module for stack case " + name);
        }
    }

    @ParameterizedTest
    @MethodSource("layerNormCases")
    void layerNormMatchesTorch(String name) {
        JsonNode c = FIX.get("layer_norms").get(name);
        int[] shape = new int[c.get("normalizedShape").size()];
        for (int i = 0; i < shape.length; i++)
            shape[i] = c.get("normalizedShape").get(i).asInt();
        LayerNorm m = new LayerNorm(shape, 1e-5, true);
        moduleCase(name, m, c, in -> masks -> m.forward(in.get(0)));
    }

    @Test
    void sinusoidalTableMatchesTheTutorial() {
        Tensor pe = SinusoidalPositionalEncoding.table(12, 8);
        assertClose("pe", pe, tensor(FIX.get("sinusoidal_pe")), 1e-6, 1e-6);
    }
}
