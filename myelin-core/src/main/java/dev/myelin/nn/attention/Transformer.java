package dev.myelin.nn.attention;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Init;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * The encoder-decoder Transformer as {@code nn.Transformer}: an encoder of {@code numEncoderLayers} layers and a
 * decoder of {@code numDecoderLayers}, each stack ending in a LayerNorm; parameters {@code encoder.layers.0.*}, ...,
 * {@code encoder.norm.*}, {@code decoder.*}. As PyTorch, every parameter with more than one dim is then
 * re-initialized xavier_uniform.
 */
public class Transformer extends Module {
    private static final Arg<Transformer, Integer> D_MODEL = Arg.positiveInt("dModel", 512, Transformer::dModel);
    private static final Arg<Transformer, Integer> NHEAD = Arg.positiveInt("nhead", 8, Transformer::nhead);
    private static final Arg<Transformer, Integer> NUM_ENCODER_LAYERS =
            Arg.positiveInt("numEncoderLayers", 6, Transformer::numEncoderLayers);
    private static final Arg<Transformer, Integer> NUM_DECODER_LAYERS =
            Arg.positiveInt("numDecoderLayers", 6, Transformer::numDecoderLayers);
    private static final Arg<Transformer, Integer> DIM_FEEDFORWARD =
            Arg.positiveInt("dimFeedforward", 2048, t -> t.layer().dimFeedforward());
    private static final Arg<Transformer, Double> DROPOUT =
            Arg.number("dropout", 0.1, t -> t.layer().dropout());
    private static final Arg<Transformer, Activation> ACTIVATION = Arg.named(
            "activation",
            Activation.RELU,
            TransformerLayer::activationOf,
            Activation::key,
            t -> t.layer().activation());
    private static final Arg<Transformer, Double> LAYER_NORM_EPS =
            Arg.number("layerNormEps", 1e-5, t -> t.layer().layerNormEps());
    private static final Arg<Transformer, Boolean> BATCH_FIRST = Arg.bool("batchFirst", false, Transformer::batchFirst);
    private static final Arg<Transformer, Boolean> NORM_FIRST =
            Arg.bool("normFirst", false, t -> t.layer().normFirst());
    /** {@code {"type":"Transformer","dModel":64,"nhead":4,"numEncoderLayers":2,"numDecoderLayers":2,"dimFeedforward":128}}. */
    public static final ModuleType<Transformer> TYPE = ModuleType.of(
            Transformer.class,
            List.of(
                    D_MODEL,
                    NHEAD,
                    NUM_ENCODER_LAYERS,
                    NUM_DECODER_LAYERS,
                    DIM_FEEDFORWARD,
                    DROPOUT,
                    ACTIVATION,
                    LAYER_NORM_EPS,
                    BATCH_FIRST,
                    NORM_FIRST),
            (a, gen) -> new Transformer(
                    a.get(D_MODEL),
                    a.get(NHEAD),
                    a.get(NUM_ENCODER_LAYERS),
                    a.get(NUM_DECODER_LAYERS),
                    a.get(DIM_FEEDFORWARD),
                    a.get(DROPOUT),
                    a.get(ACTIVATION),
                    a.get(LAYER_NORM_EPS),
                    a.get(BATCH_FIRST),
                    a.get(NORM_FIRST),
                    gen),
            a -> stateShapes(
                    a.get(D_MODEL), a.get(NUM_ENCODER_LAYERS), a.get(NUM_DECODER_LAYERS), a.get(DIM_FEEDFORWARD)));

    private final int dModel, nhead;
    private final boolean batchFirst;
    private final TransformerEncoder encoder;
    private final TransformerDecoder decoder;

    /**
     * All settings, as {@code nn.Transformer(d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6,
     * dim_feedforward=2048, dropout=0.1, activation=relu, layer_norm_eps=1e-5, batch_first=False,
     * norm_first=False)} (no custom encoder or decoder).
     *
     * @param dModel           d_model, the width of the inputs and outputs, {@code > 0} (PyTorch's default 512)
     * @param nhead            the attention heads, dividing dModel (default 8)
     * @param numEncoderLayers the encoder's layers, {@code > 0} (default 6)
     * @param numDecoderLayers the decoder's layers, {@code > 0} (default 6)
     * @param dimFeedforward   the feed-forward blocks' hidden width, {@code > 0} (default 2048)
     * @param dropout          the probability of every dropout, in [0, 1] (default 0.1)
     * @param activation       {@link Activation#RELU} (default) or {@link Activation#GELU}
     * @param layerNormEps     the layer norms' eps, {@code > 0} (default 1e-5)
     * @param batchFirst       whether inputs are [N, L, E] instead of [L, N, E] (default false)
     * @param normFirst        pre-norm layers instead of post-norm (default false)
     * @param gen              the run's seeded generator, for the initialization and every dropout
     * @throws IllegalArgumentException naming the layer, if a setting is out of range or {@code gen} is null
     */
    public Transformer(
            int dModel,
            int nhead,
            int numEncoderLayers,
            int numDecoderLayers,
            int dimFeedforward,
            double dropout,
            Activation activation,
            double layerNormEps,
            boolean batchFirst,
            boolean normFirst,
            Generator gen) {
        this.dModel = dModel;
        this.nhead = nhead;
        this.batchFirst = batchFirst;
        encoder = registerModule(
                "encoder",
                new TransformerEncoder(
                        new TransformerEncoderLayer(
                                dModel,
                                nhead,
                                dimFeedforward,
                                dropout,
                                activation,
                                layerNormEps,
                                batchFirst,
                                normFirst,
                                gen),
                        numEncoderLayers,
                        new LayerNorm(new int[] {dModel}, layerNormEps, true)));
        decoder = registerModule(
                "decoder",
                new TransformerDecoder(
                        new TransformerDecoderLayer(
                                dModel,
                                nhead,
                                dimFeedforward,
                                dropout,
                                activation,
                                layerNormEps,
                                batchFirst,
                                normFirst,
                                gen),
                        numDecoderLayers,
                        new LayerNorm(new int[] {dModel}, layerNormEps, true)));
        for (Parameter p : parameters()) if (p.dim() > 1) Init.xavierUniform(p, 1, gen);
    }

    /**
     * PyTorch's defaults with the given sizes: dimFeedforward 2048, dropout 0.1, relu, eps 1e-5, sequence first,
     * norm after.
     *
     * @param dModel           d_model, the width of the inputs and outputs, {@code > 0}
     * @param nhead            the attention heads, dividing dModel
     * @param numEncoderLayers the encoder's layers, {@code > 0}
     * @param numDecoderLayers the decoder's layers, {@code > 0}
     * @param gen              the run's seeded generator, for the initialization and every dropout
     * @throws IllegalArgumentException if a size is out of range or {@code gen} is null
     */
    public Transformer(int dModel, int nhead, int numEncoderLayers, int numDecoderLayers, Generator gen) {
        this(dModel, nhead, numEncoderLayers, numDecoderLayers, 2048, 0.1, Activation.RELU, 1e-5, false, false, gen);
    }

    static StateShapes stateShapes(int dModel, int enc, int dec, int ff) {
        StateShapes norm = new StateShapes().add("weight", dModel).add("bias", dModel);
        StateShapes s = new StateShapes(),
                el = TransformerEncoderLayer.stateShapes(dModel, ff),
                dl = TransformerDecoderLayer.stateShapes(dModel, ff);
        for (int i = 0; i < enc; i++) s.addAll("encoder.layers." + i, el);
        s.addAll("encoder.norm", norm);
        for (int i = 0; i < dec; i++) s.addAll("decoder.layers." + i, dl);
        return s.addAll("decoder.norm", norm);
    }

    /**
     * A causal mask for a sequence of {@code size}: −∞ above the diagonal, 0 elsewhere, as
     * {@code nn.Transformer.generate_square_subsequent_mask}: position i attends to positions ≤ i. Wrap it in
     * {@link AttentionMask#additive} to pass it as a mask.
     *
     * @param size the sequence length, {@code > 0}
     * @return the mask [size, size]
     * @throws IllegalArgumentException if {@code size <= 0}
     */
    public static Tensor generateSquareSubsequentMask(int size) {
        if (size <= 0)
            throw new IllegalArgumentException("generateSquareSubsequentMask: size must be positive, got " + size);
        return AttentionF.causalMask(size, size);
    }

    private TransformerEncoderLayer layer() {
        return encoder.layer(0);
    }

    /** {@return d_model, the width of the inputs and outputs} */
    public int dModel() {
        return dModel;
    }

    /** {@return the number of attention heads} */
    public int nhead() {
        return nhead;
    }

    /** {@return the number of encoder layers} */
    public int numEncoderLayers() {
        return encoder.numLayers();
    }

    /** {@return the number of decoder layers} */
    public int numDecoderLayers() {
        return decoder.numLayers();
    }

    /** {@return whether inputs are [N, L, E]} */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** {@return the encoder stack, {@code encoder}} */
    public TransformerEncoder encoder() {
        return encoder;
    }

    /** {@return the decoder stack, {@code decoder}} */
    public TransformerDecoder decoder() {
        return decoder;
    }

    /**
     * Encodes {@code src} and decodes {@code tgt} against it, without masks (pass a causal {@code tgtMask} to the
     * full overload for autoregressive training).
     *
     * @param src the source sequence [S, N, E] ([N, S, E] batch first, [S, E] unbatched)
     * @param tgt the target sequence [T, N, E] ([N, T, E] batch first, [T, E] unbatched)
     * @return the decoder's output, shaped as {@code tgt}
     * @throws ShapeMismatchException if the batch sizes differ or a width is not dModel
     */
    public Tensor forward(Tensor src, Tensor tgt) {
        return forward(src, tgt, null, null, null, null, null, null);
    }

    /**
     * As {@code forward(src, tgt, src_mask, tgt_mask, memory_mask, src_key_padding_mask, tgt_key_padding_mask,
     * memory_key_padding_mask)}.
     *
     * @param src                  the source sequence [S, N, E] ([N, S, E] batch first, [S, E] unbatched)
     * @param tgt                  the target sequence [T, N, E] ([N, T, E] batch first, [T, E] unbatched)
     * @param srcMask              [S, S] on the encoder's self-attention, or null
     * @param tgtMask              [T, T] on the decoder's self-attention (e.g.
     *     {@code AttentionMask.additive(generateSquareSubsequentMask(T))}), or null
     * @param memoryMask           [T, S] on the cross-attention, or null
     * @param srcKeyPaddingMask    [N, S] marking padded source positions, or null
     * @param tgtKeyPaddingMask    [N, T] marking padded target positions, or null
     * @param memoryKeyPaddingMask [N, S] marking padded memory positions, or null
     * @return the decoder's output, shaped as {@code tgt}
     * @throws IllegalArgumentException if src or tgt is null
     * @throws ShapeMismatchException if the batch sizes differ, a width is not dModel, or a mask does not fit
     */
    public Tensor forward(
            Tensor src,
            Tensor tgt,
            AttentionMask srcMask,
            AttentionMask tgtMask,
            AttentionMask memoryMask,
            AttentionMask srcKeyPaddingMask,
            AttentionMask tgtKeyPaddingMask,
            AttentionMask memoryKeyPaddingMask) {
        if (src == null || tgt == null) throw new IllegalArgumentException("Transformer: src and tgt must not be null");
        boolean batched = src.dim() == 3;
        int b = batchFirst ? 0 : 1;
        if (batched && (tgt.dim() != 3 || src.size(b) != tgt.size(b)))
            throw new ShapeMismatchException("Transformer: the batch number of src and tgt must be equal, got src "
                    + Shapes.str(src.shape()) + " and tgt " + Shapes.str(tgt.shape())
                    + (batchFirst ? " (batch first)" : " (sequence first)"));
        if (src.size(-1) != dModel || tgt.size(-1) != dModel)
            throw new ShapeMismatchException("Transformer: the feature number of src and tgt must be equal to dModel "
                    + dModel + ", got src " + Shapes.str(src.shape()) + " and tgt " + Shapes.str(tgt.shape()));
        Tensor memory = encoder.forward(src, srcMask, srcKeyPaddingMask);
        return decoder.forward(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
    }

    /**
     * Inputs (src, tgt, srcMask, tgtMask, memoryMask, srcKeyPaddingMask, tgtKeyPaddingMask, memoryKeyPaddingMask): masks
     * additive, key padding masks boolean (non-zero = padding).
     */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(
                inputs,
                2,
                "src",
                "tgt",
                "srcMask",
                "tgtMask",
                "memoryMask",
                "srcKeyPaddingMask",
                "tgtKeyPaddingMask",
                "memoryKeyPaddingMask");
        return Outputs.of(forward(
                inputs[0],
                inputs[1],
                TransformerLayer.additive(TransformerLayer.optional(inputs, 2)),
                TransformerLayer.additive(TransformerLayer.optional(inputs, 3)),
                TransformerLayer.additive(TransformerLayer.optional(inputs, 4)),
                TransformerLayer.block(TransformerLayer.optional(inputs, 5)),
                TransformerLayer.block(TransformerLayer.optional(inputs, 6)),
                TransformerLayer.block(TransformerLayer.optional(inputs, 7))));
    }
}
