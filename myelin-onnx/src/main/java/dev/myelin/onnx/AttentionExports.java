package dev.myelin.onnx;

import static dev.myelin.onnx.OnnxGraph.attr;
import static dev.myelin.onnx.OnnxGraph.ints;

import dev.myelin.nn.Module;
import dev.myelin.nn.attention.LearnedPositionalEmbedding;
import dev.myelin.nn.attention.MultiheadAttention;
import dev.myelin.nn.attention.SinusoidalPositionalEncoding;
import dev.myelin.nn.attention.TransformerEncoder;
import dev.myelin.nn.attention.TransformerEncoderLayer;
import dev.myelin.onnx.OnnxExporter.Emitted;
import dev.myelin.tensor.Tensor;
import java.util.Map;

/**
 * Transformer encoders as ONNX operators: ONNX 17 has no attention operator, so self-attention is written out as
 * PyTorch computes it (the packed input projection as three MatMul + Add, heads by Reshape and Transpose, scaled
 * scores, Softmax, the weighted values, the output projection); the feed-forward block, the layer norms
 * (LayerNormalization) and the activation are exported as the modules they are. Positional encodings add their first
 * T rows, T being fixed by the exported input shape. Dropout is the identity (eval mode). A decoder (two inputs:
 * target and memory) does not fit the exported one-input graph and has no export.
 */
final class AttentionExports {
    private AttentionExports() {}

    static void addTo(Map<Class<? extends Module>, LayerExport> table) {
        table.put(TransformerEncoderLayer.class, AttentionExports::encoderLayer);
        table.put(TransformerEncoder.class, AttentionExports::encoder);
        table.put(
                LearnedPositionalEmbedding.class,
                s -> positions(s, ((LearnedPositionalEmbedding) s.module()).batchFirst(), "weight"));
        table.put(
                SinusoidalPositionalEncoding.class,
                s -> positions(s, ((SinusoidalPositionalEncoding) s.module()).batchFirst(), "pe"));
    }

    private static String encoder(ExportStep s) {
        TransformerEncoder m = (TransformerEncoder) s.module();
        Emitted x = new Emitted(s.input(), s.in());
        for (int i = 0; i < m.numLayers(); i++)
            x = OnnxExporter.emit(m.layer(i), s.name("layers." + i), x.name(), x.sample(), s.graph());
        return m.norm() == null
                ? x.name()
                : OnnxExporter.emit(m.norm(), s.name("norm"), x.name(), x.sample(), s.graph())
                        .name();
    }

    /** x = norm1(x + sa(x)); x = norm2(x + ff(x)), or with normFirst x = x + sa(norm1(x)); x = x + ff(norm2(x)). */
    private static String encoderLayer(ExportStep s) {
        TransformerEncoderLayer m = (TransformerEncoderLayer) s.module();
        if (s.in().dim() != 3) throw s.unsupported("takes an unbatched input; export it with a batch dimension");
        Map<String, Module> c = m.namedChildren();
        Emitted x = new Emitted(s.input(), s.in());
        if (m.normFirst()) {
            Emitted n1 = sub(s, c, "norm1", x);
            x = add(s, x, selfAttention(s, m.selfAttn(), n1));
            Emitted n2 = sub(s, c, "norm2", x);
            return add(s, x, feedForward(s, m, c, n2)).name();
        }
        x = sub(s, c, "norm1", add(s, x, selfAttention(s, m.selfAttn(), x)));
        return sub(s, c, "norm2", add(s, x, feedForward(s, m, c, x))).name();
    }

    private static Emitted feedForward(ExportStep s, TransformerEncoderLayer m, Map<String, Module> c, Emitted x) {
        Emitted h = sub(s, c, "linear1", x);
        h = OnnxExporter.emit(m.activation().module(), s.name("activation"), h.name(), h.sample(), s.graph());
        return sub(s, c, "linear2", h);
    }

    private static Emitted sub(ExportStep s, Map<String, Module> children, String name, Emitted x) {
        return OnnxExporter.emit(children.get(name), s.name(name), x.name(), x.sample(), s.graph());
    }

    private static Emitted add(ExportStep s, Emitted a, Emitted b) {
        return new Emitted(s.op("Add", a.name(), b.name()), a.sample().add(b.sample()));
    }

    /** Self-attention of x ([N, L, E] batch first, else [L, N, E]) without masks, as MultiheadAttention computes it. */
    private static Emitted selfAttention(ExportStep s, MultiheadAttention a, Emitted x) {
        String path = s.name("self_attn");
        OnnxGraph g = s.graph();
        int e = a.embedDim(), heads = a.numHeads(), d = a.headDim();
        String in = a.batchFirst() ? x.name() : s.node("Transpose", x.name(), ints("perm", 1, 0, 2));
        Tensor w = a.parameter("in_proj_weight");
        Tensor b = a.bias() ? a.parameter("in_proj_bias") : null;
        String[] qkv = new String[3];
        String[] part = {"q", "k", "v"};
        for (int i = 0; i < 3; i++) {
            String y = s.op(
                    "MatMul",
                    in,
                    g.weight(
                            path + ".in_proj_weight." + part[i] + ".T",
                            w.narrow(0, i * e, e).transpose(0, 1).contiguous()));
            if (b != null)
                y = s.op(
                        "Add",
                        y,
                        g.weight(
                                path + ".in_proj_bias." + part[i],
                                b.narrow(0, i * e, e).contiguous()));
            // [N, L, E] -> [N, L, H, d] -> [N, H, L, d] (keys: [N, H, d, L], ready for the product)
            String split = s.op("Reshape", y, g.longs(path + ".heads", new long[] {0, 0, heads, d}, 4));
            qkv[i] = s.node("Transpose", split, ints("perm", i == 1 ? new int[] {0, 2, 3, 1} : new int[] {0, 2, 1, 3}));
        }
        String scores = s.op("Mul", s.op("MatMul", qkv[0], qkv[1]), g.scalarConstant((float) (1 / Math.sqrt(d))));
        String weights = s.node("Softmax", scores, attr("axis", -1L));
        String attended = s.node("Transpose", s.op("MatMul", weights, qkv[2]), ints("perm", 0, 2, 1, 3));
        String merged = s.op("Reshape", attended, g.longs(path + ".merge", new long[] {0, 0, e}, 3));
        Tensor sampleIn = a.batchFirst() ? x.sample() : x.sample().transpose(0, 1);
        Module outProj = a.namedChildren().get("out_proj");
        Emitted out = OnnxExporter.emit(
                outProj, path + ".out_proj", merged, sampleIn.reshape(sampleIn.size(0), sampleIn.size(1), e), g);
        Tensor sample = a.attend(x.sample(), x.sample(), x.sample(), null, null);
        String result = a.batchFirst() ? out.name() : s.node("Transpose", out.name(), ints("perm", 1, 0, 2));
        return new Emitted(result, sample);
    }

    /** x + the first T rows of the table, T fixed by the exported shape. */
    private static String positions(ExportStep s, boolean batchFirst, String table) {
        int[] shape = s.in().shape();
        if (shape.length != 3)
            throw s.unsupported(
                    "takes an input of shape " + java.util.Arrays.toString(shape) + ", not [N, T, d] or [T, N, d]");
        int t = shape[batchFirst ? 1 : 0], dm = shape[2];
        Tensor rows = s.module()
                .stateDict()
                .get(table)
                .narrow(0, 0, t)
                .contiguous()
                .reshape(batchFirst ? new int[] {1, t, dm} : new int[] {t, 1, dm});
        return s.op("Add", s.input(), s.graph().weight(s.name(table), rows));
    }
}
