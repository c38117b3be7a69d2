package dev.myelin.nn.attention;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleSpec;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A stack of {@code numLayers} copies of a decoder layer, then an optional norm, as {@code nn.TransformerDecoder};
 * parameters {@code layers.0.*}, ..., {@code norm.*}.
 */
public class TransformerDecoder extends Module {
    private static final Arg<TransformerDecoder, ModuleSpec> DECODER_LAYER =
            Arg.module("decoderLayer", d -> d.layers.get(0));
    private static final Arg<TransformerDecoder, Integer> NUM_LAYERS =
            Arg.positiveInt("numLayers", TransformerDecoder::numLayers);
    private static final Arg<TransformerDecoder, ModuleSpec> NORM =
            Arg.optionalModule("norm", TransformerDecoder::norm);
    /** {@code {"type":"TransformerDecoder","decoderLayer":{"type":"TransformerDecoderLayer",...},"numLayers":2}}. */
    public static final ModuleType<TransformerDecoder> TYPE = ModuleType.of(
            TransformerDecoder.class,
            List.of(DECODER_LAYER, NUM_LAYERS, NORM),
            (a, gen) -> new TransformerDecoder(
                    layerOf(
                            a.get(DECODER_LAYER).build(gen),
                            a.get(DECODER_LAYER).path()),
                    a.get(NUM_LAYERS),
                    a.get(NORM) == null ? null : a.get(NORM).build(gen)),
            a -> stackShapes(a.get(DECODER_LAYER), a.get(NUM_LAYERS), a.get(NORM)));

    private final LayerList<TransformerDecoderLayer> layers;
    private final Module norm;

    /**
     * A stack of {@code numLayers} copies of {@code decoderLayer}, as
     * {@code nn.TransformerDecoder(decoder_layer, num_layers, norm=None)}: each copy starts with the given layer's
     * parameters (PyTorch deep-copies it); the stack does not keep the given layer itself.
     *
     * @param decoderLayer the layer to copy
     * @param numLayers    the number of layers, {@code > 0}
     * @param norm         applied after the last layer (a LayerNorm), or null
     * @throws IllegalArgumentException if {@code decoderLayer} is null or {@code numLayers <= 0}
     */
    public TransformerDecoder(TransformerDecoderLayer decoderLayer, int numLayers, Module norm) {
        if (decoderLayer == null) throw new IllegalArgumentException("TransformerDecoder: decoderLayer is null");
        if (numLayers <= 0)
            throw new IllegalArgumentException("TransformerDecoder: numLayers must be positive, got " + numLayers);
        List<TransformerDecoderLayer> copies = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) copies.add(decoderLayer.copy());
        layers = registerModule("layers", new LayerList<>(copies));
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    static TransformerDecoderLayer layerOf(Module m, String path) {
        if (m instanceof TransformerDecoderLayer l) return l;
        throw new IllegalArgumentException(
                "Architecture: field " + path + " must be a TransformerDecoderLayer, got " + m.typeName());
    }

    static StateShapes stackShapes(ModuleSpec layer, int numLayers, ModuleSpec norm) {
        return TransformerEncoder.stackShapes(layer, numLayers, norm);
    }

    /** {@return the number of layers} */
    public int numLayers() {
        return layers.size();
    }

    /**
     * One layer of the stack, registered as {@code layers.i}.
     *
     * @param i the layer's index, from 0
     * @return the layer
     * @throws IndexOutOfBoundsException if there is no such layer
     */
    public TransformerDecoderLayer layer(int i) {
        return layers.get(i);
    }

    /** {@return the final norm, or null} */
    public Module norm() {
        return norm;
    }

    /**
     * The stack without masks.
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
     * Each layer in turn with the same memory and masks (each may be null), then the norm, as PyTorch's
     * {@code forward(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)}.
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
        Tensor x = tgt;
        for (TransformerDecoderLayer l : layers.asList())
            x = l.forward(x, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
        return norm == null ? x : norm.forward(x);
    }

    /** Inputs (tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask), as the decoder layer's. */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 2, "tgt", "memory", "tgtMask", "memoryMask", "tgtKeyPaddingMask", "memoryKeyPaddingMask");
        return Outputs.of(forward(
                inputs[0],
                inputs[1],
                TransformerLayer.additive(TransformerLayer.optional(inputs, 2)),
                TransformerLayer.additive(TransformerLayer.optional(inputs, 3)),
                TransformerLayer.block(TransformerLayer.optional(inputs, 4)),
                TransformerLayer.block(TransformerLayer.optional(inputs, 5))));
    }
}
