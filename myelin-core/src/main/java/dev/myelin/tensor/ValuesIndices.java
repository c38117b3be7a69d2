package dev.myelin.tensor;

/**
 * The result of max/min along a dim, as {@code torch.return_types.max}: the values, their indices as
 * floats ({@code indices}, exact below 2^24, kept for float code) and the same indices as an
 * {@link IndexTensor} ({@code indexTensor}, int32, exact for any size; feed it to gather and friends).
 */
public record ValuesIndices(Tensor values, Tensor indices, IndexTensor indexTensor) {
    /** From values and float indices; the index tensor is converted from them (whole numbers below 2^24). */
    public ValuesIndices(Tensor values, Tensor indices) {
        this(values, indices, IndexTensor.fromTensor("ValuesIndices", "index", indices));
    }
}
