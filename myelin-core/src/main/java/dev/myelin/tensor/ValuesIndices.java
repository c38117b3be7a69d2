package dev.myelin.tensor;

/**
 * The result of max/min along a dim, as {@code torch.return_types.max}: the values, their indices as floats and the
 * same indices as an {@link IndexTensor}. All three have the same shape.
 *
 * @param values the maximum (or minimum) values; differentiable
 * @param indices the positions along the reduced dim as floats, exact below 2^24, kept for float code
 * @param indexTensor the same positions as int32, exact for any size; feed it to gather and friends
 */
public record ValuesIndices(Tensor values, Tensor indices, IndexTensor indexTensor) {
    /**
     * From values and float indices; the index tensor is converted from them (whole numbers below 2^24).
     *
     * @param values the values
     * @param indices the positions as whole-number floats
     * @throws IllegalArgumentException if an index is not a whole number or its magnitude is 2^24 or more
     */
    public ValuesIndices(Tensor values, Tensor indices) {
        this(values, indices, IndexTensor.fromTensor("ValuesIndices", "index", indices));
    }
}
