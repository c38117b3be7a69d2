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
        ALLOW,
        BLOCK,
        ADDITIVE
    }

    private final Tensor tensor;
    private final Kind kind;

    private AttentionMask(Tensor tensor, Kind kind) {
        if (tensor == null) throw new IllegalArgumentException("AttentionMask: the mask tensor is null");
        this.tensor = tensor;
        this.kind = kind;
    }

    /** Positions where {@code keep} is non-zero take part (SDPA's boolean mask). */
    public static AttentionMask allow(Tensor keep) {
        return new AttentionMask(keep, Kind.ALLOW);
    }

    /** Positions where {@code masked} is non-zero are left out (MultiheadAttention's boolean masks, key padding). */
    public static AttentionMask block(Tensor masked) {
        return new AttentionMask(masked, Kind.BLOCK);
    }

    /** {@code bias} is added to the scores (−∞ leaves a position out). */
    public static AttentionMask additive(Tensor bias) {
        return new AttentionMask(bias, Kind.ADDITIVE);
    }

    public Tensor tensor() {
        return tensor;
    }

    public Kind kind() {
        return kind;
    }

    public int[] shape() {
        return tensor.shape();
    }

    /** The mask as values to add to the scores: 0 where a position takes part, −∞ where it does not (outside the graph). */
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
