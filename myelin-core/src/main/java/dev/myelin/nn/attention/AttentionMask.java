package dev.myelin.nn.attention;

import dev.myelin.tensor.Tensor;

/**
 * A mask on attention scores, with its meaning spelled out (Java has no boolean tensors, and PyTorch's two
 * boolean conventions are opposite: {@code scaled_dot_product_attention} takes part where true, {@code
 * nn.MultiheadAttention} masks out where true). {@link #allow} keeps the positions where the tensor is non-zero,
 * {@link #block} masks out the positions where it is non-zero, {@link #additive} adds the tensor (0 or −∞, or any
 * bias) to the scores. Masks are constants: no gradient flows into them.
 */
public final class AttentionMask {
    /** What the tensor's values mean. */
    public enum Kind {
        /** Non-zero means the position takes part (a boolean mask of {@code scaled_dot_product_attention}). */
        ALLOW,
        /** Non-zero means the position is left out (a boolean mask of {@code nn.MultiheadAttention}). */
        BLOCK,
        /** The values are added to the scores (a float mask in PyTorch): 0 keeps, −∞ leaves out. */
        ADDITIVE
    }

    private final Tensor tensor;
    private final Kind kind;

    private AttentionMask(Tensor tensor, Kind kind) {
        if (tensor == null) throw new IllegalArgumentException("AttentionMask: the mask tensor is null");
        this.tensor = tensor;
        this.kind = kind;
    }

    /**
     * A mask whose non-zero positions take part (SDPA's boolean mask).
     *
     * @param keep 1 (or any non-zero) where a query may attend to a key, 0 elsewhere; broadcastable to [..., L, S]
     * @return the mask
     * @throws IllegalArgumentException if {@code keep} is null
     */
    public static AttentionMask allow(Tensor keep) {
        return new AttentionMask(keep, Kind.ALLOW);
    }

    /**
     * A mask whose non-zero positions are left out (MultiheadAttention's boolean masks, key padding).
     *
     * @param masked 1 (or any non-zero) where a query must not attend to a key, 0 elsewhere
     * @return the mask
     * @throws IllegalArgumentException if {@code masked} is null
     */
    public static AttentionMask block(Tensor masked) {
        return new AttentionMask(masked, Kind.BLOCK);
    }

    /**
     * A mask added to the scores before the softmax (PyTorch's float masks).
     *
     * @param bias values to add: 0 to keep a position, −∞ to leave it out, or any bias
     * @return the mask
     * @throws IllegalArgumentException if {@code bias} is null
     */
    public static AttentionMask additive(Tensor bias) {
        return new AttentionMask(bias, Kind.ADDITIVE);
    }

    /** {@return the mask's tensor, as given} */
    public Tensor tensor() {
        return tensor;
    }

    /** {@return what the tensor's values mean} */
    public Kind kind() {
        return kind;
    }

    /** {@return the tensor's shape} */
    public int[] shape() {
        return tensor.shape();
    }

    /**
     * {@return the mask as values to add to the scores: 0 where a position takes part, −∞ where it does not (outside
     * the graph)}
     */
    public Tensor toAdditive() {
        if (kind == Kind.ADDITIVE) return tensor.detach();
        float[] src = tensor.values(), out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            boolean on = src[i] != 0;
            out[i] = (kind == Kind.ALLOW) == on ? 0f : Float.NEGATIVE_INFINITY;
        }
        return new Tensor(out, tensor.shape());
    }

    /** This mask reshaped (a view of its tensor), keeping its meaning. */
    AttentionMask reshape(int... shape) {
        return new AttentionMask(tensor.reshape(shape), kind);
    }

    @Override
    public String toString() {
        return "AttentionMask." + kind.name().toLowerCase() + dev.myelin.tensor.Shapes.str(tensor.shape());
    }
}
