package dev.myelin.train.gan;

import dev.myelin.autograd.Autograd;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The gradient penalty of WGAN-GP (Gulrajani et al. 2017): on points x̂ = α·real + (1 − α)·fake, α ~ U(0, 1) per
 * sample, {@code mean_i (‖∇_x̂ D(x̂_i)‖₂ − 1)²}. The gradient is taken with {@link Autograd#grad} and
 * {@code createGraph}, so the penalty is a graph through the critic's weights and its backward is a second-order
 * derivative. Real and fake enter detached: the penalty trains the critic only.
 */
public final class GradientPenalty {
    /** Added under the square root so a zero gradient (a dead ReLU critic) has a finite derivative; far below float resolution at norms near 1. */
    static final float EPS = 1e-12f;

    private GradientPenalty() {}

    /**
     * Computes the penalty with α drawn from {@code gen}: one U(0, 1) value per sample, shared by its features.
     *
     * @param critic the critic's forward pass, e.g. {@code critic::forward}
     * @param real real samples [n, ...]
     * @param fake generated samples, the same shape (detached here)
     * @param gen the source of α
     * @return the penalty, a scalar with a graph through the critic's weights
     * @throws dev.myelin.tensor.ShapeMismatchException if the shapes differ
     * @throws IllegalArgumentException if there are no samples
     */
    public static Tensor of(UnaryOperator<Tensor> critic, Tensor real, Tensor fake, Generator gen) {
        int[] alphaShape = new int[real.dim()];
        Arrays.fill(alphaShape, 1);
        alphaShape[0] = real.size(0);
        return of(critic, real, fake, Tensor.rand(gen, alphaShape));
    }

    /**
     * Computes the penalty at x̂ = α·real + (1 − α)·fake for a given α.
     *
     * @param critic the critic's forward pass, e.g. {@code critic::forward}
     * @param real real samples [n, ...]
     * @param fake generated samples, the same shape (detached here)
     * @param alpha the mixing weights, one per sample: shape [n, 1, ..., 1] with as many dimensions as the samples,
     *     or another shape with first dimension n that broadcasts against them
     * @return the penalty, a scalar with a graph through the critic's weights
     * @throws dev.myelin.tensor.ShapeMismatchException if real and fake differ in shape or alpha does not have one
     *     value per sample
     * @throws IllegalArgumentException if there are no samples
     */
    public static Tensor of(UnaryOperator<Tensor> critic, Tensor real, Tensor fake, Tensor alpha) {
        if (!Arrays.equals(real.shape(), fake.shape()))
            throw new ShapeMismatchException("GradientPenalty: real samples " + Arrays.toString(real.shape())
                    + " and fake samples " + Arrays.toString(fake.shape()) + " must have the same shape");
        if (real.dim() < 1 || real.size(0) < 1)
            throw new IllegalArgumentException(
                    "GradientPenalty: no samples (shape " + Arrays.toString(real.shape()) + ")");
        int n = real.size(0);
        if (alpha.dim() != real.dim() || alpha.size(0) != n)
            throw new ShapeMismatchException("GradientPenalty: alpha " + Arrays.toString(alpha.shape())
                    + " must have one value per sample, shape [" + n + ", 1, ...] with " + real.dim()
                    + " dims, for samples " + Arrays.toString(real.shape()));
        Tensor a = alpha.detach();
        Tensor x = real.detach().mul(a).add(fake.detach().mul(a.neg().add(1f))).requiresGrad(true);
        Tensor out = critic.apply(x);
        Tensor g = Autograd.grad(List.of(out), List.of(x), List.of(Tensor.onesLike(out)), true)
                .get(0);
        Tensor norm = g.reshape(n, -1).square().sum(1).add(EPS).sqrt();
        return norm.sub(1f).square().mean();
    }
}
