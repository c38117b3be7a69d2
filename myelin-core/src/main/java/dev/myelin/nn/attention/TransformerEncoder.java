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
 * A stack of {@code numLayers} copies of an encoder layer, then an optional norm, as {@code nn.TransformerEncoder}:
 * the layers start as copies of the given one (PyTorch deep-copies it), parameters {@code layers.0.*},
 * {@code layers.1.*}, ..., {@code norm.*}.
 */
public class TransformerEncoder extends Module {
    private static final Arg<TransformerEncoder, ModuleSpec> ENCODER_LAYER =
            Arg.module("encoderLayer", e -> e.layers.get(0));
    private static final Arg<TransformerEncoder, Integer> NUM_LAYERS =
            Arg.positiveInt("numLayers", TransformerEncoder::numLayers);
    private static final Arg<TransformerEncoder, ModuleSpec> NORM =
            Arg.optionalModule("norm", TransformerEncoder::norm);
    /** {@code {"type":"TransformerEncoder","encoderLayer":{"type":"TransformerEncoderLayer",...},"numLayers":2}}. */
    public static final ModuleType<TransformerEncoder> TYPE = ModuleType.of(
            TransformerEncoder.class,
            List.of(ENCODER_LAYER, NUM_LAYERS, NORM),
            (a, gen) -> new TransformerEncoder(
                    layerOf(
                            a.get(ENCODER_LAYER).build(gen),
                            a.get(ENCODER_LAYER).path()),
                    a.get(NUM_LAYERS),
                    a.get(NORM) == null ? null : a.get(NORM).build(gen)),
            a -> stackShapes(a.get(ENCODER_LAYER), a.get(NUM_LAYERS), a.get(NORM)));

    private final LayerList<TransformerEncoderLayer> layers;
    private final Module norm;

    /**
     * A stack of {@code numLayers} copies of {@code encoderLayer}, as
     * {@code nn.TransformerEncoder(encoder_layer, num_layers, norm=None)}: each copy starts with the given layer's
     * parameters (PyTorch deep-copies it); the stack does not keep the given layer itself.
     *
     * @param encoderLayer the layer to copy
     * @param numLayers    the number of layers, {@code > 0}
     * @param norm         applied after the last layer (a LayerNorm), or null
     * @throws IllegalArgumentException if {@code encoderLayer} is null or {@code numLayers <= 0}
     */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers, Module norm) {
        if (encoderLayer == null) throw new IllegalArgumentException("TransformerEncoder: encoderLayer is null");
        if (numLayers <= 0)
            throw new IllegalArgumentException("TransformerEncoder: numLayers must be positive, got " + numLayers);
        List<TransformerEncoderLayer> copies = new ArrayList<>();
        for (int i = 0; i < numLayers; i++) copies.add(encoderLayer.copy());
        layers = registerModule("layers", new LayerList<>(copies));
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    static TransformerEncoderLayer layerOf(Module m, String path) {
        if (m instanceof TransformerEncoderLayer l) return l;
        throw new IllegalArgumentException(
                "Architecture: field " + path + " must be a TransformerEncoderLayer, got " + m.typeName());
    }

    static StateShapes stackShapes(ModuleSpec layer, int numLayers, ModuleSpec norm) {
        StateShapes s = new StateShapes(), one = layer.stateShapes();
        for (int i = 0; i < numLayers; i++) s.addAll("layers." + i, one);
        return norm == null ? s : s.addAll("norm", norm.stateShapes());
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
    public TransformerEncoderLayer layer(int i) {
        return layers.get(i);
    }

    /** {@return the final norm, or null} */
    public Module norm() {
        return norm;
    }

    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * Each layer in turn with the same masks (either may be null), then the norm, as PyTorch's
     * {@code forward(src, mask, src_key_padding_mask)}.
     *
     * @param src               [L, N, E] ([N, L, E] batch first, [L, E] unbatched)
     * @param mask              [L, L] or [N·nhead, L, L] on the self-attention, or null
     * @param srcKeyPaddingMask [N, L] marking padded positions to leave out, or null
     * @return the output, shaped as {@code src}
     * @throws dev.myelin.tensor.ShapeMismatchException naming the layer, if src or a mask has the wrong shape
     */
    public Tensor forward(Tensor src, AttentionMask mask, AttentionMask srcKeyPaddingMask) {
        Tensor x = src;
        for (TransformerEncoderLayer l : layers.asList()) x = l.forward(x, mask, srcKeyPaddingMask);
        return norm == null ? x : norm.forward(x);
    }

    /** Inputs (src, mask, srcKeyPaddingMask): the mask additive, the key padding boolean (non-zero = padding). */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 1, "src", "mask", "srcKeyPaddingMask");
        return Outputs.of(forward(
                inputs[0],
                TransformerLayer.additive(TransformerLayer.optional(inputs, 1)),
                TransformerLayer.block(TransformerLayer.optional(inputs, 2))));
    }
}
