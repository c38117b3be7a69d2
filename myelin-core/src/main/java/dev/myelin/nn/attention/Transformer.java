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

    /** PyTorch's defaults with the given sizes: dimFeedforward 2048, dropout 0.1, relu, eps 1e-5, sequence first, norm after. */
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
     * {@code nn.Transformer.generate_square_subsequent_mask}: position i attends to positions ≤ i.
     */
    public static Tensor generateSquareSubsequentMask(int size) {
        if (size <= 0)
            throw new IllegalArgumentException("generateSquareSubsequentMask: size must be positive, got " + size);
        return AttentionF.causalMask(size, size);
    }

    private TransformerEncoderLayer layer() {
        return encoder.layer(0);
    }

    public int dModel() {
        return dModel;
    }

    public int nhead() {
        return nhead;
    }

    public int numEncoderLayers() {
        return encoder.numLayers();
    }

    public int numDecoderLayers() {
        return decoder.numLayers();
    }

    public boolean batchFirst() {
        return batchFirst;
    }

    public TransformerEncoder encoder() {
        return encoder;
    }

    public TransformerDecoder decoder() {
        return decoder;
    }

    public Tensor forward(Tensor src, Tensor tgt) {
        return forward(src, tgt, null, null, null, null, null, null);
    }

    /** As {@code forward(src, tgt, src_mask, tgt_mask, memory_mask, src_key_padding_mask, tgt_key_padding_mask, memory_key_padding_mask)}. */
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
