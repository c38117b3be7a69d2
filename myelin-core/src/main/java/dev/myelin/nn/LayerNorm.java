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

    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    public double eps() {
        return eps;
    }

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
