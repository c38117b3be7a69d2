package dev.myelin.nn.attention;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * One Transformer decoder layer as {@code nn.TransformerDecoderLayer}: self-attention on the target, attention from
 * the target to the encoder's output (memory), and a feed-forward block, each with a residual connection and layer
 * norm (after, or before with {@code normFirst}). Parameters {@code self_attn.*}, {@code multihead_attn.*},
 * {@code linear1.*}, {@code linear2.*}, {@code norm1.*} to {@code norm3.*}.
 */
public class TransformerDecoderLayer extends TransformerLayer {
    /** {@code {"type":"TransformerDecoderLayer","dModel":64,"nhead":4,"dimFeedforward":128}}. */
    public static final ModuleType<TransformerDecoderLayer> TYPE = ModuleType.of(
            TransformerDecoderLayer.class,
            List.of(D_MODEL, NHEAD, DIM_FEEDFORWARD, DROPOUT, ACTIVATION, LAYER_NORM_EPS, BATCH_FIRST, NORM_FIRST),
            (a, gen) -> new TransformerDecoderLayer(
                    a.get(D_MODEL),
                    a.get(NHEAD),
                    a.get(DIM_FEEDFORWARD),
                    a.get(DROPOUT),
                    a.get(ACTIVATION),
                    a.get(LAYER_NORM_EPS),
                    a.get(BATCH_FIRST),
                    a.get(NORM_FIRST),
                    gen),
            a -> stateShapes(a.get(D_MODEL), a.get(DIM_FEEDFORWARD)));

    private final MultiheadAttention selfAttn, multiheadAttn;
    private final LayerNorm norm1, norm2, norm3;
    private final Dropout dropout1, dropout2, dropout3;

    /**
     * All settings, as {@code nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1,
     * activation=relu, layer_norm_eps=1e-5, batch_first=False, norm_first=False)}.
     *
     * @param dModel         d_model, the width of the inputs and outputs, {@code > 0}
     * @param nhead          the attention heads, dividing dModel
     * @param dimFeedforward the feed-forward block's hidden width, {@code > 0} (default 2048)
     * @param dropout        the probability of every dropout in the layer, in [0, 1] (default 0.1)
     * @param activation     {@link Activation#RELU} (default) or {@link Activation#GELU}
     * @param layerNormEps   the layer norms' eps, {@code > 0} (default 1e-5)
     * @param batchFirst     whether inputs are [N, T, E] instead of [T, N, E] (default false)
     * @param normFirst      pre-norm ({@code x + sa(norm1(x))}) instead of post-norm (default false)
     * @param gen            the run's seeded generator, for the initialization and every dropout
     * @throws IllegalArgumentException naming the layer, if a setting is out of range or {@code gen} is null
     */
    public TransformerDecoderLayer(
            int dModel,
            int nhead,
            int dimFeedforward,
            double dropout,
            Activation activation,
            double layerNormEps,
            boolean batchFirst,
            boolean normFirst,
            Generator gen) {
        super(
                "TransformerDecoderLayer",
                dModel,
                nhead,
                dimFeedforward,
                dropout,
                activation,
                layerNormEps,
                batchFirst,
                normFirst,
                gen);
        selfAttn = registerModule("self_attn", newAttention());
        multiheadAttn = registerModule("multihead_attn", newAttention());
        registerFeedForward();
        norm1 = registerModule("norm1", newNorm());
        norm2 = registerModule("norm2", newNorm());
        norm3 = registerModule("norm3", newNorm());
        dropout1 = registerModule("dropout1", new Dropout(dropout, gen));
        dropout2 = registerModule("dropout2", new Dropout(dropout, gen));
        dropout3 = registerModule("dropout3", new Dropout(dropout, gen));
    }

    /**
     * PyTorch's defaults: dimFeedforward 2048, dropout 0.1, relu, eps 1e-5, sequence first, norm after.
     *
     * @param dModel d_model, the width of the inputs and outputs, {@code > 0}
     * @param nhead  the attention heads, dividing dModel
     * @param gen    the run's seeded generator, for the initialization and every dropout
     * @throws IllegalArgumentException if a size is out of range or {@code gen} is null
     */
    public TransformerDecoderLayer(int dModel, int nhead, Generator gen) {
        this(dModel, nhead, 2048, 0.1, Activation.RELU, 1e-5, false, false, gen);
    }

    static StateShapes stateShapes(int dModel, int ff) {
        StateShapes s = new StateShapes()
                .addAll("self_attn", MultiheadAttention.stateShapes(dModel, true, null, null))
                .addAll("multihead_attn", MultiheadAttention.stateShapes(dModel, true, null, null));
        return feedForwardShapes(s, dModel, ff, 3);
    }

    /** {@return the self-attention block over the target, {@code self_attn}} */
    public MultiheadAttention selfAttn() {
        return selfAttn;
    }

    /** {@return the cross-attention block from the target to the memory, {@code multihead_attn}} */
    public MultiheadAttention multiheadAttn() {
        return multiheadAttn;
    }

    /**
     * The layer without masks.
     *
     * @param tgt    the target sequence [T, N, E] ([N, T, E] batch first, [T, E] unbatched)
     * @param memory the encoder's output [S, N, E] ([N, S, E] batch first, [S, E] unbatched)
     * @return the output, shaped as {@code tgt}
     * @throws dev.myelin.tensor.ShapeMismatchException naming the layer, if tgt or memory has the wrong shape
     */
    public Tensor forward(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null);
    }

    /**
     * tgt [T, N, E], memory [S, N, E] (batch first [N, T, E], [N, S, E]); tgtMask [T, T], memoryMask [T, S] (or per head
     * [N·nhead, ...]), key padding masks [N, T] and [N, S]; each may be null. As PyTorch's {@code forward(tgt,
     * memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)}.
     *
     * @param tgt                  the target sequence [T, N, E] ([N, T, E] batch first, [T, E] unbatched)
     * @param memory               the encoder's output [S, N, E] ([N, S, E] batch first, [S, E] unbatched)
     * @param tgtMask              [T, T] on the self-attention (causal for autoregressive decoding), or null
     * @param memoryMask           [T, S] on the cross-attention, or null
     * @param tgtKeyPaddingMask    [N, T] marking padded target positions, or null
     * @param memoryKeyPaddingMask [N, S] marking padded memory positions, or null
     * @return the output, shaped as {@code tgt}
     * @throws dev.myelin.tensor.ShapeMismatchException naming the layer, if an input or mask has the wrong shape
     */
    public Tensor forward(
            Tensor tgt,
            Tensor memory,
            AttentionMask tgtMask,
            AttentionMask memoryMask,
            AttentionMask tgtKeyPaddingMask,
            AttentionMask memoryKeyPaddingMask) {
        checkInput("tgt", tgt);
        checkInput("memory", memory);
        Tensor x = tgt;
        if (normFirst()) {
            Tensor h = norm1.forward(x);
            x = x.add(dropout1.forward(selfAttn.attend(h, h, h, tgtKeyPaddingMask, tgtMask)));
            x = x.add(dropout2.forward(
                    multiheadAttn.attend(norm2.forward(x), memory, memory, memoryKeyPaddingMask, memoryMask)));
            return x.add(dropout3.forward(feedForward(norm3.forward(x))));
        }
        x = norm1.forward(x.add(dropout1.forward(selfAttn.attend(x, x, x, tgtKeyPaddingMask, tgtMask))));
        x = norm2.forward(
                x.add(dropout2.forward(multiheadAttn.attend(x, memory, memory, memoryKeyPaddingMask, memoryMask))));
        return norm3.forward(x.add(dropout3.forward(feedForward(x))));
    }

    /**
     * Inputs (tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask): masks additive, key padding
     * masks boolean (non-zero = padding).
     */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 2, "tgt", "memory", "tgtMask", "memoryMask", "tgtKeyPaddingMask", "memoryKeyPaddingMask");
        return Outputs.of(forward(
                inputs[0],
                inputs[1],
                additive(optional(inputs, 2)),
                additive(optional(inputs, 3)),
                block(optional(inputs, 4)),
                block(optional(inputs, 5))));
    }

    @Override
    public TransformerDecoderLayer copy() {
        TransformerDecoderLayer c = new TransformerDecoderLayer(
                dModel(),
                nhead(),
                dimFeedforward(),
                dropout(),
                activation(),
                layerNormEps(),
                batchFirst(),
                normFirst(),
                gen);
        c.loadStateDict(stateDict());
        c.train(isTraining());
        return c;
    }
}
