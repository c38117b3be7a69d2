package dev.myelin.nn.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.GradCheck;
import dev.myelin.nn.Activation;
import dev.myelin.nn.Architecture;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleSpec;
import dev.myelin.nn.Parameter;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The attention modules beyond the PyTorch fixtures: finite-difference gradient checks of MultiheadAttention and the
 * encoder and decoder layers with respect to their inputs and every parameter; PyTorch's initialization; the
 * architecture JSON round trip (state shapes computed without building equal the built state dict); positional
 * encodings; dropout reproducible from the seed; and errors on bad input that name the module and the shapes.
 */
class AttentionModulesTest {
    private static final Generator GEN = new Generator(17);

    private static Tensor rand(int... shape) {
        return Tensor.randn(GEN, shape);
    }

    private static void gradCheck(Module m, Function<Tensor[], Tensor> f, Tensor... inputs) {
        List<Tensor> all = new ArrayList<>(Arrays.asList(inputs));
        all.addAll(m.parameters());
        GradCheck.Result r = GradCheck.check(f, all.toArray(Tensor[]::new));
        assertThat(r.ok()).as(m.typeName() + ": " + r.message()).isTrue();
    }

    private static float maxAbs(Tensor t) {
        float m = 0;
        for (float v : t.toArray()) m = Math.max(m, Math.abs(v));
        return m;
    }

    @Test
    void multiheadAttentionGradients() {
        MultiheadAttention m = new MultiheadAttention(4, 2, 0, true, 3, 5, false, new Generator(1));
        AttentionMask kpm = AttentionMask.block(Tensor.fromArray(new float[] {0, 0, 1, 0, 0, 0}, 2, 3));
        gradCheck(m, t -> m.attend(t[0], t[1], t[2], kpm, null), rand(2, 2, 4), rand(3, 2, 3), rand(3, 2, 5));
        MultiheadAttention self = new MultiheadAttention(6, 3, 0, true, null, null, true, new Generator(2));
        gradCheck(
                self,
                t -> {
                    MultiheadAttention.AttentionOutput r = self.forward(t[0], t[0], t[0], null, true, null, false);
                    return Tensor.cat(
                            List.of(r.output().reshape(-1), r.weights().reshape(-1)), 0);
                },
                rand(2, 3, 6));
    }

    @Test
    void encoderAndDecoderLayerGradients() {
        for (boolean normFirst : new boolean[] {false, true}) {
            TransformerEncoderLayer enc =
                    new TransformerEncoderLayer(4, 2, 6, 0, Activation.GELU, 1e-5, true, normFirst, new Generator(3));
            enc.eval();
            gradCheck(
                    enc,
                    t -> enc.forward(t[0], AttentionMask.additive(Transformer.generateSquareSubsequentMask(3)), null),
                    rand(2, 3, 4));
            TransformerDecoderLayer dec =
                    new TransformerDecoderLayer(4, 2, 6, 0, Activation.RELU, 1e-5, false, normFirst, new Generator(4));
            dec.eval();
            gradCheck(dec, t -> dec.forward(t[0], t[1]), rand(3, 2, 4), rand(4, 2, 4));
        }
    }

    @Test
    void pytorchInitialization() {
        MultiheadAttention m = new MultiheadAttention(8, 2, new Generator(5));
        float bound = (float) Math.sqrt(6.0 / (8 + 24));
        assertThat(maxAbs(m.parameter("in_proj_weight")))
                .isLessThanOrEqualTo(bound)
                .isGreaterThan(bound * 0.8f);
        assertThat(m.parameter("in_proj_bias").toArray()).containsOnly(0f);
        assertThat(m.stateDict().get("out_proj.bias").toArray()).containsOnly(0f);
        assertThat(new ArrayList<>(m.namedParameters().keySet()))
                .containsExactly("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias");
        MultiheadAttention kv = new MultiheadAttention(8, 2, 0, false, 3, 5, false, new Generator(5));
        assertThat(new ArrayList<>(kv.namedParameters().keySet()))
                .containsExactly("q_proj_weight", "k_proj_weight", "v_proj_weight", "out_proj.weight");
        // a stack starts as copies of its layer (PyTorch deep-copies it) ...
        TransformerEncoder stack = new TransformerEncoder(new TransformerEncoderLayer(8, 2, new Generator(6)), 3, null);
        assertThat(stack.layer(2).stateDict().get("linear1.weight").toArray())
                .containsExactly(
                        stack.layer(0).stateDict().get("linear1.weight").toArray());
        // ... while Transformer re-initializes every matrix xavier_uniform afterwards, so its layers differ
        Transformer tr = new Transformer(8, 2, 2, 1, 16, 0.1, Activation.RELU, 1e-5, false, false, new Generator(7));
        Map<String, Tensor> sd = tr.stateDict();
        assertThat(sd.get("encoder.layers.1.linear1.weight").toArray())
                .isNotEqualTo(sd.get("encoder.layers.0.linear1.weight").toArray());
        float b = (float) Math.sqrt(6.0 / (8 + 16));
        assertThat(maxAbs(sd.get("encoder.layers.0.linear1.weight")))
                .isLessThanOrEqualTo(b)
                .isGreaterThan(b * 0.8f);
        assertThat(sd.get("decoder.norm.weight").toArray()).containsOnly(1f);
        assertThat(sd)
                .containsKeys(
                        "decoder.layers.0.multihead_attn.in_proj_weight",
                        "decoder.layers.0.norm3.bias",
                        "encoder.norm.bias");
    }

    @Test
    void architectureJsonRoundTrip() {
        Generator gen = new Generator(8);
        List<Module> modules = List.of(
                new MultiheadAttention(8, 4, 0.1, true, 3, 5, true, gen),
                new TransformerEncoderLayer(8, 2, 16, 0.1, Activation.GELU, 1e-6, true, true, gen),
                new TransformerDecoderLayer(8, 2, 16, 0.0, Activation.RELU, 1e-5, false, false, gen),
                new TransformerEncoder(
                        new TransformerEncoderLayer(8, 2, 16, 0.1, Activation.RELU, 1e-5, true, false, gen),
                        2,
                        new LayerNorm(8)),
                new TransformerDecoder(
                        new TransformerDecoderLayer(8, 2, 16, 0.1, Activation.RELU, 1e-5, true, false, gen), 3, null),
                new Transformer(8, 2, 1, 2, 12, 0.1, Activation.GELU, 1e-5, true, true, gen),
                new SinusoidalPositionalEncoding(8, 0.1, 50, true, gen),
                new LearnedPositionalEmbedding(28, 8, true, gen));
        for (Module m : modules) {
            String json = Architecture.toJson(m);
            Module back = Architecture.fromJson(json, new Generator(9));
            assertThat(back.getClass()).isEqualTo(m.getClass());
            assertThat(Architecture.toJson(back)).as(json).isEqualTo(json);
            Map<String, int[]> shapes = ModuleSpec.of(m).stateShapes().asMap();
            assertThat(new ArrayList<>(shapes.keySet()))
                    .as(json)
                    .isEqualTo(new ArrayList<>(back.stateDict().keySet()));
            back.stateDict().forEach((k, t) -> assertThat(t.shape()).as(k).containsExactly(shapes.get(k)));
            back.loadStateDict(m.stateDict());
        }
        assertThatThrownBy(() -> Architecture.fromJson(
                        "{\"type\":\"TransformerEncoder\",\"encoderLayer\":{\"type\":\"ReLU\"},\"numLayers\":2}", gen))
                .hasMessageContaining("$.encoderLayer")
                .hasMessageContaining("TransformerEncoderLayer");
    }

    @Test
    void modelFileRoundTrip(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        Generator gen = new Generator(13);
        dev.myelin.nn.Sequential model = new dev.myelin.nn.Sequential(
                new LearnedPositionalEmbedding(6, 8, true, gen),
                new TransformerEncoder(
                        new TransformerEncoderLayer(8, 2, 16, 0.1, Activation.GELU, 1e-5, true, true, gen),
                        2,
                        new LayerNorm(8)));
        model.eval();
        java.nio.file.Path f = dir.resolve("encoder.safetensors");
        dev.myelin.io.ModelFile.save(f, model);
        Module back = dev.myelin.io.ModelFile.load(f).model();
        back.eval();
        Tensor x = rand(3, 6, 8);
        assertThat(back.forward(x).toArray()).containsExactly(model.forward(x).toArray());
    }

    @Test
    void positionalEncodings() {
        Generator gen = new Generator(10);
        SinusoidalPositionalEncoding pe = new SinusoidalPositionalEncoding(6, 0, 20, true, gen);
        Tensor x = rand(2, 5, 6), y = pe.forward(x);
        Tensor table = SinusoidalPositionalEncoding.table(20, 6);
        for (int n = 0; n < 2; n++)
            for (int t = 0; t < 5; t++)
                for (int d = 0; d < 6; d++) assertThat(y.get(n, t, d)).isEqualTo(x.get(n, t, d) + table.get(t, 0, d));
        assertThat(table.get(3, 0, 0)).isEqualTo((float) Math.sin(3));
        assertThat(table.get(3, 0, 1)).isEqualTo((float) Math.cos(3));
        LearnedPositionalEmbedding lp = new LearnedPositionalEmbedding(7, 4, false, gen);
        Tensor s = rand(5, 3, 4), out = lp.forward(s);
        Parameter w = lp.parameter("weight");
        assertThat(out.get(4, 2, 1)).isEqualTo(s.get(4, 2, 1) + w.get(4, 1));
        GradCheck.Result r = GradCheck.check(t -> lp.forward(t[0]), s, w);
        assertThat(r.ok()).as(r.message()).isTrue();
        assertThatThrownBy(() -> lp.forward(rand(8, 3, 4)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("LearnedPositionalEmbedding")
                .hasMessageContaining("[8, 3, 4]")
                .hasMessageContaining("maxLen 7");
        assertThatThrownBy(() -> pe.forward(rand(2, 5, 4)))
                .hasMessageContaining("SinusoidalPositionalEncoding")
                .hasMessageContaining("[2, 5, 4]");
    }

    @Test
    void dropoutIsReproducibleFromTheSeed() {
        Tensor x = rand(2, 5, 8);
        float[][] runs = new float[2][];
        for (int i = 0; i < 2; i++) {
            TransformerEncoderLayer l =
                    new TransformerEncoderLayer(8, 2, 16, 0.3, Activation.RELU, 1e-5, true, false, new Generator(11));
            runs[i] = l.forward(x).toArray();
        }
        assertThat(runs[1]).containsExactly(runs[0]);
        TransformerEncoderLayer l =
                new TransformerEncoderLayer(8, 2, 16, 0.3, Activation.RELU, 1e-5, true, false, new Generator(11));
        l.eval();
        assertThat(l.forward(x).toArray()).isNotEqualTo(runs[0]);
    }

    @Test
    void badInputNamesTheModuleAndShapes() {
        Generator gen = new Generator(12);
        assertThatThrownBy(() -> new MultiheadAttention(10, 3, gen))
                .hasMessageContaining("MultiheadAttention")
                .hasMessageContaining("embedDim 10")
                .hasMessageContaining("numHeads 3");
        assertThatThrownBy(() -> new TransformerEncoderLayer(10, 4, gen))
                .hasMessageContaining("TransformerEncoderLayer")
                .hasMessageContaining("nhead 4");
        MultiheadAttention m = new MultiheadAttention(8, 2, gen);
        assertThatThrownBy(() -> m.forward(rand(4, 2, 6), rand(5, 2, 8), rand(5, 2, 8)))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("MultiheadAttention")
                .hasMessageContaining("[4, 2, 6]")
                .hasMessageContaining("embedDim is 8");
        assertThatThrownBy(() -> m.forward(rand(4, 2, 8), rand(5, 2, 8), rand(6, 2, 8)))
                .hasMessageContaining("key shape [5, 2, 8]")
                .hasMessageContaining("value shape [6, 2, 8]");
        assertThatThrownBy(() -> m.forward(rand(4, 2, 8), rand(5, 3, 8), rand(5, 3, 8)))
                .hasMessageContaining("[4, 2, 8]")
                .hasMessageContaining("[5, 3, 8]");
        assertThatThrownBy(() -> m.forward(
                        rand(4, 2, 8),
                        rand(5, 2, 8),
                        rand(5, 2, 8),
                        null,
                        false,
                        AttentionMask.additive(rand(4, 4)),
                        true))
                .hasMessageContaining("MultiheadAttention")
                .hasMessageContaining("attn_mask has shape [4, 4]")
                .hasMessageContaining("[4, 5]");
        assertThatThrownBy(() -> m.forward(
                        rand(4, 2, 8),
                        rand(5, 2, 8),
                        rand(5, 2, 8),
                        null,
                        false,
                        AttentionMask.additive(rand(2, 4, 5)),
                        true))
                .hasMessageContaining("[2, 4, 5]")
                .hasMessageContaining("[4, 4, 5]");
        assertThatThrownBy(() -> m.forward(
                        rand(4, 2, 8),
                        rand(5, 2, 8),
                        rand(5, 2, 8),
                        AttentionMask.block(rand(5, 2)),
                        false,
                        null,
                        true))
                .hasMessageContaining("key_padding_mask has shape [5, 2]")
                .hasMessageContaining("[2, 5]");
        TransformerEncoderLayer enc = new TransformerEncoderLayer(8, 2, gen);
        assertThatThrownBy(() -> enc.forward(rand(3, 2, 6)))
                .hasMessageContaining("TransformerEncoderLayer")
                .hasMessageContaining("[3, 2, 6]")
                .hasMessageContaining("dModel 8");
        Transformer tr = new Transformer(8, 2, 1, 1, 16, 0, Activation.RELU, 1e-5, false, false, gen);
        assertThatThrownBy(() -> tr.forward(rand(5, 2, 8), rand(4, 3, 8)))
                .hasMessageContaining("batch number")
                .hasMessageContaining("[5, 2, 8]")
                .hasMessageContaining("[4, 3, 8]");
        assertThatThrownBy(() -> tr.forward(rand(5, 2, 8), rand(4, 2, 6)))
                .hasMessageContaining("dModel 8")
                .hasMessageContaining("[4, 2, 6]");
        // the functional form
        assertThatThrownBy(() ->
                        AttentionF.scaledDotProductAttention(rand(2, 4, 8), rand(2, 5, 6), rand(2, 5, 6), null, false))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("query [2, 4, 8]")
                .hasMessageContaining("key [2, 5, 6]");
        assertThatThrownBy(() ->
                        AttentionF.scaledDotProductAttention(rand(2, 4, 8), rand(2, 5, 8), rand(2, 6, 8), null, false))
                .hasMessageContaining("key [2, 5, 8]")
                .hasMessageContaining("value [2, 6, 8]");
        assertThatThrownBy(() -> AttentionF.scaledDotProductAttention(
                        rand(2, 4, 8), rand(2, 5, 8), rand(2, 5, 8), AttentionMask.allow(rand(4, 4)), false))
                .hasMessageContaining("scaledDotProductAttention")
                .hasMessageContaining("mask shape [4, 4]")
                .hasMessageContaining("[2, 4, 5]");
        assertThatThrownBy(() ->
                        AttentionF.scaledDotProductAttention(rand(2, 4, 8), rand(3, 5, 8), rand(3, 5, 8), null, false))
                .hasMessageContaining("batch dims");
        assertThatThrownBy(() -> AttentionF.scaledDotProductAttention(
                        rand(4, 8), rand(4, 8), rand(4, 8), AttentionMask.allow(rand(4, 4)), true))
                .hasMessageContaining("not both");
    }
}
