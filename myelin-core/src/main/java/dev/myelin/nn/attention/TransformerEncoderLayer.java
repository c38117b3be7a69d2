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
 * One Transformer encoder layer as {@code nn.TransformerEncoderLayer}: self-attention and a feed-forward block, each
 * with a residual connection and layer norm: {@code x = norm1(x + sa(x)); x = norm2(x + ff(x))}, or with
 * {@code normFirst} {@code x = x + sa(norm1(x)); x = x + ff(norm2(x))}. Parameters {@code self_attn.*},
 * {@code linear1.*}, {@code linear2.*}, {@code norm1.*}, {@code norm2.*}.
 */
public class TransformerEncoderLayer extends TransformerLayer {
    /** {@code {"type":"TransformerEncoderLayer","dModel":64,"nhead":4,"dimFeedforward":128,"batchFirst":true}}. */
    public static final ModuleType<TransformerEncoderLayer> TYPE = ModuleType.of(
            TransformerEncoderLayer.class,
            List.of(D_MODEL, NHEAD, DIM_FEEDFORWARD, DROPOUT, ACTIVATION, LAYER_NORM_EPS, BATCH_FIRST, NORM_FIRST),
            (a, gen) -> new TransformerEncoderLayer(
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

    private final MultiheadAttention selfAttn;
    private final LayerNorm norm1, norm2;
    private final Dropout dropout1, dropout2;

    /**
     * All settings, as {@code nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1,
     * activation=relu, layer_norm_eps=1e-5, batch_first=False, norm_first=False)}.
     *
     * @param dModel         d_model, the width of the inputs and outputs, {@code > 0}
     * @param nhead          the attention heads, dividing dModel
     * @param dimFeedforward the feed-forward block's hidden width, {@code > 0} (default 2048)
     * @param dropout        the probability of every dropout in the layer, in [0, 1] (default 0.1)
     * @param activation     {@link Activation#RELU} (default) or {@link Activation#GELU}
     * @param layerNormEps   the layer norms' eps, {@code > 0} (default 1e-5)
     * @param batchFirst     whether inputs are [N, L, E] instead of [L, N, E] (default false)
     * @param normFirst      pre-norm ({@code x + sa(norm1(x))}) instead of post-norm (default false)
     * @param gen            the run's seeded generator, for the initialization and every dropout
     * @throws IllegalArgumentException naming the layer, if a setting is out of range or {@code gen} is null
     */
    public TransformerEncoderLayer(
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
                "TransformerEncoderLayer",
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
        registerFeedForward();
        norm1 = registerModule("norm1", newNorm());
        norm2 = registerModule("norm2", newNorm());
        dropout1 = registerModule("dropout1", new Dropout(dropout, gen));
        dropout2 = registerModule("dropout2", new Dropout(dropout, gen));
    }

    /**
     * PyTorch's defaults: dimFeedforward 2048, dropout 0.1, relu, eps 1e-5, sequence first, norm after.
     *
     * @param dModel d_model, the width of the inputs and outputs, {@code > 0}
     * @param nhead  the attention heads, dividing dModel
     * @param gen    the run's seeded generator, for the initialization and every dropout
     * @throws IllegalArgumentException if a size is out of range or {@code gen} is null
     */
    public TransformerEncoderLayer(int dModel, int nhead, Generator gen) {
        this(dModel, nhead, 2048, 0.1, Activation.RELU, 1e-5, false, false, gen);
    }

    static StateShapes stateShapes(int dModel, int ff) {
        StateShapes s = new StateShapes().addAll("self_attn", MultiheadAttention.stateShapes(dModel, true, null, null));
        return feedForwardShapes(s, dModel, ff, 2);
    }

    /** {@return the self-attention block, {@code self_attn}} */
    public MultiheadAttention selfAttn() {
        return selfAttn;
    }

    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * The layer with masks, as PyTorch's {@code forward(src, src_mask, src_key_padding_mask)}.
     *
     * @param src               [L, N, E] ([N, L, E] batch first, [L, E] unbatched)
     * @param srcMask           [L, L] or [N·nhead, L, L] (e.g. causal:
     *     {@code AttentionMask.additive(Transformer.generateSquareSubsequentMask(L))}), or null
     * @param srcKeyPaddingMask [N, L] marking padded positions to leave out ({@code AttentionMask.block}), or null
     * @return the output, shaped as {@code src}
     * @throws dev.myelin.tensor.ShapeMismatchException naming the layer, if src or a mask has the wrong shape
     */
    public Tensor forward(Tensor src, AttentionMask srcMask, AttentionMask srcKeyPaddingMask) {
        checkInput("src", src);
        Tensor x = src;
        if (normFirst()) {
            x = x.add(selfAttention(norm1.forward(x), srcMask, srcKeyPaddingMask));
            return x.add(dropout2.forward(feedForward(norm2.forward(x))));
        }
        x = norm1.forward(x.add(selfAttention(x, srcMask, srcKeyPaddingMask)));
        return norm2.forward(x.add(dropout2.forward(feedForward(x))));
    }

    private Tensor selfAttention(Tensor x, AttentionMask mask, AttentionMask keyPadding) {
        return dropout1.forward(selfAttn.attend(x, x, x, keyPadding, mask));
    }

    /** Inputs (src, srcMask, srcKeyPaddingMask): the mask additive, the key padding boolean (non-zero = padding). */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 1, "src", "srcMask", "srcKeyPaddingMask");
        return Outputs.of(forward(inputs[0], additive(optional(inputs, 1)), block(optional(inputs, 2))));
    }

    @Override
    public TransformerEncoderLayer copy() {
        TransformerEncoderLayer c = new TransformerEncoderLayer(
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
