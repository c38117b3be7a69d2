package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Layer normalization over the trailing {@code normalizedShape} dims with elementwise affine, as {@code nn.LayerNorm}. */
public class LayerNorm extends Module {
    private static final Arg<LayerNorm, int[]> NORMALIZED_SHAPE =
            Arg.shape("normalizedShape", LayerNorm::normalizedShape);
    private static final Arg<LayerNorm, Double> EPS = Arg.number("eps", 1e-5, LayerNorm::eps);
    private static final Arg<LayerNorm, Boolean> ELEMENTWISE_AFFINE =
            Arg.bool("elementwiseAffine", true, LayerNorm::elementwiseAffine);
    /** The registered module type: {@code {"type":"LayerNorm","normalizedShape":[512]}} in architecture JSON. */
    public static final ModuleType<LayerNorm> TYPE = ModuleType.of(
            LayerNorm.class,
            List.of(NORMALIZED_SHAPE, EPS, ELEMENTWISE_AFFINE),
            (a, gen) -> new LayerNorm(a.get(NORMALIZED_SHAPE), a.get(EPS), a.get(ELEMENTWISE_AFFINE)),
            a -> {
                int[] shape = a.get(NORMALIZED_SHAPE);
                boolean affine = a.get(ELEMENTWISE_AFFINE);
                return new StateShapes().addIf(affine, "weight", shape).addIf(affine, "bias", shape);
            });

    private final int[] normalizedShape;
    private final double eps;
    private final boolean elementwiseAffine;

    /**
     * A layer norm over the trailing dims {@code normalizedShape}, as
     * {@code nn.LayerNorm(normalized_shape, eps, elementwise_affine)}; weight starts at 1 and bias at 0.
     *
     * @param normalizedShape the trailing dims to normalize over, non-empty, positive sizes
     * @param eps added to the variance for numerical stability, positive (PyTorch's default is 1e-5)
     * @param elementwiseAffine whether to learn a weight and bias of shape normalizedShape (PyTorch's default is true)
     * @throws IllegalArgumentException if normalizedShape is empty or has a size ≤ 0, or eps is not positive
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(s -> s <= 0))
            throw new IllegalArgumentException("LayerNorm: normalizedShape must be non-empty with positive sizes, got "
                    + Arrays.toString(normalizedShape));
        if (!(eps > 0)) throw new IllegalArgumentException("LayerNorm: eps must be positive, got " + eps);
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        if (elementwiseAffine) {
            registerParameter("weight", new Parameter(Tensor.ones(normalizedShape)));
            registerParameter("bias", new Parameter(Tensor.zeros(normalizedShape)));
        }
    }

    /**
     * A layer norm with PyTorch's defaults, as {@code nn.LayerNorm(normalized_shape)}: eps 1e-5, learnable
     * weight (ones) and bias (zeros).
     *
     * @param normalizedShape the trailing dims to normalize over, e.g. the embedding size E of [N, T, E]
     * @throws IllegalArgumentException if normalizedShape is empty or has a size ≤ 0
     */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /** {@return the trailing dims normalized over; a copy} */
    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    /** {@return the value added to the variance for numerical stability} */
    public double eps() {
        return eps;
    }

    /** {@return whether the layer has a learnable weight and bias} */
    public boolean elementwiseAffine() {
        return elementwiseAffine;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.layerNorm(
                input,
                normalizedShape,
                elementwiseAffine ? parameter("weight") : null,
                elementwiseAffine ? parameter("bias") : null,
                eps);
    }

    @Override
    protected String extraRepr() {
        String shape =
                Arrays.stream(normalizedShape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (normalizedShape.length == 1) shape += ",";
        return "(" + shape + "), eps=" + Repr.pyFloat(eps) + ", elementwise_affine=" + Repr.pyBool(elementwiseAffine);
    }
}
