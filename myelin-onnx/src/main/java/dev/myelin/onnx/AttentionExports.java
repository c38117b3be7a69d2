package dev.myelin.onnx;

import static dev.myelin.onnx.OnnxGraph.attr;
import static dev.myelin.onnx.OnnxGraph.ints;

import dev.myelin.nn.Module;
import dev.myelin.nn.attention.AttentionMask;
import dev.myelin.nn.attention.LearnedPositionalEmbedding;
import dev.myelin.nn.attention.MultiheadAttention;
import dev.myelin.nn.attention.SinusoidalPositionalEncoding;
import dev.myelin.nn.attention.Transformer;
import dev.myelin.nn.attention.TransformerDecoder;
import dev.myelin.nn.attention.TransformerDecoderLayer;
import dev.myelin.nn.attention.TransformerEncoder;
import dev.myelin.nn.attention.TransformerEncoderLayer;
import dev.myelin.nn.attention.TransformerLayer;
import dev.myelin.onnx.OnnxExporter.Emitted;
import dev.myelin.onnx.proto.Onnx.TensorProto;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Transformer encoders as ONNX operators: ONNX 17 has no attention operator, so self-attention is written out as
 * PyTorch computes it (the packed input projection as three MatMul + Add, heads by Reshape and Transpose, scaled
 * scores, Softmax, the weighted values, the output projection); the feed-forward block, the layer norms
 * (LayerNormalization) and the activation are exported as the modules they are. Positional encodings add their first
 * T rows, T being fixed by the exported input shape. Dropout is the identity (eval mode). The modules of several inputs
 * (MultiheadAttention on its own, the decoder and the whole Transformer, and the encoder with masks) export through
 * {@link OnnxExporter#toModel(Module, List)}; the masks are added to the scores before the Softmax.
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

    /**
     * The modules with several inputs: their call's inputs in order (masks optional). An attention mask is additive
     * ([L, S]), a key padding mask is read as boolean ([N, S], non-zero = padding), as their {@code call}s read them.
     */
    static void addInputsTo(Map<Class<? extends Module>, InputsExport> table) {
        table.put(MultiheadAttention.class, AttentionExports::multiheadAttention);
        table.put(
                TransformerEncoderLayer.class,
                (s, in) -> List.of(encoderLayer(s, in.get(0), additive(s, in, 1), padding(s, in, 2))));
        table.put(
                TransformerEncoder.class,
                (s, in) -> List.of(encoder(s, in.get(0), additive(s, in, 1), padding(s, in, 2))));
        table.put(
                TransformerDecoderLayer.class,
                (s, in) -> List.of(decoderLayer(s, in.get(0), in.get(1), masks(s, in, 2))));
        table.put(TransformerDecoder.class, (s, in) -> List.of(decoder(s, in.get(0), in.get(1), masks(s, in, 2))));
        table.put(Transformer.class, AttentionExports::transformer);
    }

    /** A mask as the graph adds it to the scores (broadcastable to [N, H, L, S]) and as Myelin's forward takes it. */
    record Mask(String name, AttentionMask sample) {}

    /** The decoder's four optional masks: target and memory attention masks, target and memory key padding. */
    record DecoderMasks(Mask tgt, Mask memory, Mask tgtPadding, Mask memoryPadding) {}

    private static DecoderMasks masks(ExportStep s, List<Emitted> in, int first) {
        return new DecoderMasks(
                additive(s, in, first),
                additive(s, in, first + 1),
                padding(s, in, first + 2),
                padding(s, in, first + 3));
    }

    /** An additive attention mask input: [L, S] is added as it is. */
    private static Mask additive(ExportStep s, List<Emitted> in, int i) {
        if (in.size() <= i) return null;
        Emitted m = in.get(i);
        if (m.sample().dim() != 2)
            throw s.unsupported(
                    "has an attention mask of shape " + Shapes.str(m.sample().shape())
                            + "; the export takes a 2-D [L, S] mask (the per-head 3-D mask does not export)");
        return new Mask(m.name(), AttentionMask.additive(m.sample()));
    }

    /** A boolean key padding mask input [N, S]: −∞ where non-zero, 0 elsewhere, as [N, 1, 1, S]. */
    private static Mask padding(ExportStep s, List<Emitted> in, int i) {
        if (in.size() <= i) return null;
        Emitted m = in.get(i);
        if (m.sample().dim() != 2)
            throw s.unsupported("has a key padding mask of shape "
                    + Shapes.str(m.sample().shape()) + "; the export takes a batched [N, S] mask");
        OnnxGraph g = s.graph();
        String on = s.node("Cast", m.name(), attr("to", (long) TensorProto.DataType.BOOL_VALUE));
        String bias = s.op("Where", on, g.scalarConstant(Float.NEGATIVE_INFINITY), g.scalarConstant(0f));
        String wide = s.op("Unsqueeze", bias, g.longs(s.name("padding_axes"), new long[] {1, 2}, 2));
        return new Mask(wide, AttentionMask.block(m.sample()));
    }

    private static List<Emitted> multiheadAttention(ExportStep s, List<Emitted> in) {
        MultiheadAttention a = (MultiheadAttention) s.module();
        if (s.in().dim() != 3) throw s.unsupported("takes an unbatched input; export it with a batch dimension");
        Emitted[] r =
                attention(s, s.path(), a, in.get(0), in.get(1), in.get(2), padding(s, in, 3), additive(s, in, 4), true);
        return List.of(r);
    }

    private static String encoder(ExportStep s) {
        return encoder(s, new Emitted(s.input(), s.in()), null, null).name();
    }

    private static Emitted encoder(ExportStep s, Emitted x, Mask mask, Mask padding) {
        TransformerEncoder m = (TransformerEncoder) s.module();
        for (int i = 0; i < m.numLayers(); i++)
            x = encoderLayer(step(s, m.layer(i), "layers." + i, x), x, mask, padding);
        return m.norm() == null ? x : OnnxExporter.emit(m.norm(), s.name("norm"), x.name(), x.sample(), s.graph());
    }

    /** An ExportStep for a child module at {@code path.child} reading {@code x} (its output sample is not needed). */
    private static ExportStep step(ExportStep s, Module child, String name, Emitted x) {
        return new ExportStep(child, s.name(name), x.name(), x.sample(), x.sample(), s.graph());
    }

    /** x = norm1(x + sa(x)); x = norm2(x + ff(x)), or with normFirst x = x + sa(norm1(x)); x = x + ff(norm2(x)). */
    private static String encoderLayer(ExportStep s) {
        return encoderLayer(s, new Emitted(s.input(), s.in()), null, null).name();
    }

    private static Emitted encoderLayer(ExportStep s, Emitted x, Mask mask, Mask padding) {
        TransformerEncoderLayer m = (TransformerEncoderLayer) s.module();
        if (x.sample().dim() != 3) throw s.unsupported("takes an unbatched input; export it with a batch dimension");
        Map<String, Module> c = m.namedChildren();
        String sa = s.name("self_attn");
        if (m.normFirst()) {
            Emitted n1 = sub(s, c, "norm1", x);
            x = add(s, x, attention(s, sa, m.selfAttn(), n1, n1, n1, padding, mask, false)[0]);
            Emitted n2 = sub(s, c, "norm2", x);
            return add(s, x, feedForward(s, m, c, n2));
        }
        x = sub(s, c, "norm1", add(s, x, attention(s, sa, m.selfAttn(), x, x, x, padding, mask, false)[0]));
        return sub(s, c, "norm2", add(s, x, feedForward(s, m, c, x)));
    }

    private static Emitted decoder(ExportStep s, Emitted tgt, Emitted memory, DecoderMasks masks) {
        TransformerDecoder m = (TransformerDecoder) s.module();
        Emitted x = tgt;
        for (int i = 0; i < m.numLayers(); i++)
            x = decoderLayer(step(s, m.layer(i), "layers." + i, x), x, memory, masks);
        return m.norm() == null ? x : OnnxExporter.emit(m.norm(), s.name("norm"), x.name(), x.sample(), s.graph());
    }

    /**
     * x = norm1(x + sa(x)); x = norm2(x + mha(x, memory)); x = norm3(x + ff(x)), or with normFirst each block on the
     * normed x added to x, as TransformerDecoderLayer computes it.
     */
    private static Emitted decoderLayer(ExportStep s, Emitted tgt, Emitted memory, DecoderMasks k) {
        TransformerDecoderLayer m = (TransformerDecoderLayer) s.module();
        if (tgt.sample().dim() != 3 || memory.sample().dim() != 3)
            throw s.unsupported("takes an unbatched input; export it with a batch dimension");
        Map<String, Module> c = m.namedChildren();
        String sa = s.name("self_attn"), ca = s.name("multihead_attn");
        Emitted x = tgt;
        if (m.normFirst()) {
            Emitted n1 = sub(s, c, "norm1", x);
            x = add(s, x, attention(s, sa, m.selfAttn(), n1, n1, n1, k.tgtPadding(), k.tgt(), false)[0]);
            Emitted n2 = sub(s, c, "norm2", x);
            x = add(
                    s,
                    x,
                    attention(s, ca, m.multiheadAttn(), n2, memory, memory, k.memoryPadding(), k.memory(), false)[0]);
            return add(s, x, feedForward(s, m, c, sub(s, c, "norm3", x)));
        }
        x = sub(s, c, "norm1", add(s, x, attention(s, sa, m.selfAttn(), x, x, x, k.tgtPadding(), k.tgt(), false)[0]));
        x = sub(
                s,
                c,
                "norm2",
                add(
                        s,
                        x,
                        attention(s, ca, m.multiheadAttn(), x, memory, memory, k.memoryPadding(), k.memory(), false)[
                                0]));
        return sub(s, c, "norm3", add(s, x, feedForward(s, m, c, x)));
    }

    /** Inputs (src, tgt, srcMask, tgtMask, memoryMask, srcKeyPaddingMask, tgtKeyPaddingMask, memoryKeyPaddingMask). */
    private static List<Emitted> transformer(ExportStep s, List<Emitted> in) {
        Transformer t = (Transformer) s.module();
        Mask srcMask = additive(s, in, 2);
        DecoderMasks dm =
                new DecoderMasks(additive(s, in, 3), additive(s, in, 4), padding(s, in, 6), padding(s, in, 7));
        Mask srcPadding = padding(s, in, 5);
        Emitted memory = encoder(step(s, t.encoder(), "encoder", in.get(0)), in.get(0), srcMask, srcPadding);
        return List.of(decoder(step(s, t.decoder(), "decoder", in.get(1)), in.get(1), memory, dm));
    }

    private static Emitted feedForward(ExportStep s, TransformerLayer m, Map<String, Module> c, Emitted x) {
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

    /**
     * Attention of query q to key k and value v (each [N, L, E] batch first, else [L, N, E]) as MultiheadAttention
     * computes it, with the state-dict prefix {@code path}: the projections (the packed in_proj_weight's rows, or
     * q/k/v_proj_weight), heads by Reshape and Transpose, scaled scores plus the masks, Softmax, the weighted values,
     * the heads merged and out_proj. Returns the output and, with {@code weights}, the head-averaged weights [N, L, S].
     */
    private static Emitted[] attention(
            ExportStep s,
            String path,
            MultiheadAttention a,
            Emitted q,
            Emitted k,
            Emitted v,
            Mask padding,
            Mask mask,
            boolean weights) {
        OnnxGraph g = s.graph();
        String pre = path.isEmpty() ? "" : path + ".";
        int e = a.embedDim(), heads = a.numHeads(), d = a.headDim();
        Map<String, String> batchFirst = new HashMap<>(); // a value read twice (self-attention) is transposed once
        Tensor b = a.bias() ? a.parameter("in_proj_bias") : null;
        Emitted[] in = {q, k, v};
        String[] qkv = new String[3];
        String[] part = {"q", "k", "v"};
        for (int i = 0; i < 3; i++) {
            String x = a.batchFirst()
                    ? in[i].name()
                    : batchFirst.computeIfAbsent(in[i].name(), n -> s.node("Transpose", n, ints("perm", 1, 0, 2)));
            Tensor w = a.stateDict().containsKey("in_proj_weight")
                    ? a.parameter("in_proj_weight").narrow(0, i * e, e)
                    : a.parameter(part[i] + "_proj_weight");
            String y = s.op(
                    "MatMul",
                    x,
                    g.weight(pre + part[i] + "_proj.T", w.transpose(0, 1).contiguous()));
            if (b != null)
                y = s.op(
                        "Add",
                        y,
                        g.weight(
                                pre + "in_proj_bias." + part[i],
                                b.narrow(0, i * e, e).contiguous()));
            // [N, L, E] -> [N, L, H, d] -> [N, H, L, d] (keys: [N, H, d, S], ready for the product)
            String split = s.op("Reshape", y, g.longs(pre + "heads", new long[] {0, 0, heads, d}, 4));
            qkv[i] = s.node("Transpose", split, ints("perm", i == 1 ? new int[] {0, 2, 3, 1} : new int[] {0, 2, 1, 3}));
        }
        String scores = s.op("Mul", s.op("MatMul", qkv[0], qkv[1]), g.scalarConstant((float) (1 / Math.sqrt(d))));
        if (mask != null) scores = s.op("Add", scores, mask.name());
        if (padding != null) scores = s.op("Add", scores, padding.name());
        String probs = s.node("Softmax", scores, attr("axis", -1L));
        String attended = s.node("Transpose", s.op("MatMul", probs, qkv[2]), ints("perm", 0, 2, 1, 3));
        String merged = s.op("Reshape", attended, g.longs(pre + "merge", new long[] {0, 0, e}, 3));
        Tensor sampleQ = a.batchFirst() ? q.sample() : q.sample().transpose(0, 1);
        Emitted out = OnnxExporter.emit(
                a.namedChildren().get("out_proj"),
                pre + "out_proj",
                merged,
                sampleQ.reshape(sampleQ.size(0), sampleQ.size(1), e),
                g);
        MultiheadAttention.AttentionOutput sample = a.forward(
                q.sample(),
                k.sample(),
                v.sample(),
                padding == null ? null : padding.sample(),
                weights,
                mask == null ? null : mask.sample(),
                true);
        String result = a.batchFirst() ? out.name() : s.node("Transpose", out.name(), ints("perm", 1, 0, 2));
        Emitted output = new Emitted(result, sample.output());
        if (!weights) return new Emitted[] {output};
        String mean = s.node("ReduceMean", probs, ints("axes", 1), attr("keepdims", 0L));
        return new Emitted[] {output, new Emitted(mean, sample.weights())};
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
