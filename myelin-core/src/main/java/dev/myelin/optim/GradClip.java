package dev.myelin.optim;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}; tensors without a gradient are skipped. */
public final class GradClip {
    private GradClip() {}

    /**
     * Clips the gradients' total 2-norm to {@code maxNorm}, as {@code clip_grad_norm_(params, max_norm)}; see
     * {@link #clipGradNorm(List, double, double)}.
     *
     * @param params  the tensors whose gradients to scale in place (e.g. {@code model.parameters()})
     * @param maxNorm the largest total norm allowed, {@code >= 0}
     * @return the total norm before clipping (NaN or infinite if a gradient is)
     * @throws IllegalArgumentException if {@code maxNorm} is negative or NaN
     */
    public static double clipGradNorm(List<? extends Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2);
    }

    /**
     * Scales all gradients together so that their total norm (the norm of the concatenated gradients) is at
     * most {@code maxNorm}: each is multiplied by {@code min(1, maxNorm / (total + 1e-6))}.
     *
     * @param params   the tensors whose gradients to scale in place (e.g. {@code model.parameters()})
     * @param maxNorm  the largest total norm allowed, {@code >= 0}
     * @param normType p of the p-norm, or {@code Double.POSITIVE_INFINITY} for the max-abs norm
     * @return the total norm before clipping (NaN or infinite if a gradient is)
     * @throws IllegalArgumentException if {@code maxNorm} is negative or NaN, or {@code normType} is not {@code > 0}
     */
    public static double clipGradNorm(List<? extends Tensor> params, double maxNorm, double normType) {
        if (!(maxNorm >= 0)) throw new IllegalArgumentException("clipGradNorm: maxNorm must be >= 0, got " + maxNorm);
        if (!(normType > 0))
            throw new IllegalArgumentException("clipGradNorm: normType must be > 0 (or infinity), got " + normType);
        double total = 0;
        boolean inf = Double.isInfinite(normType);
        for (Tensor p : params) {
            if (p.grad() == null) continue;
            for (float g : p.grad().data()) {
                double a = Math.abs(g);
                if (inf) total = Double.isNaN(a) || Double.isNaN(total) ? Double.NaN : Math.max(total, a);
                else total += normType == 2 ? a * a : normType == 1 ? a : Math.pow(a, normType);
            }
        }
        if (!inf) total = normType == 2 ? Math.sqrt(total) : normType == 1 ? total : Math.pow(total, 1 / normType);
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (Tensor p : params) {
                if (p.grad() == null) continue;
                float[] g = p.grad().data();
                for (int i = 0; i < g.length; i++) g[i] *= c;
            }
        }
        return total;
    }

    /**
     * Clamps every gradient element into {@code [-clipValue, clipValue]} in place, as {@code clip_grad_value_}.
     *
     * @param params    the tensors whose gradients to clamp (e.g. {@code model.parameters()})
     * @param clipValue the largest absolute value allowed, {@code >= 0}
     * @throws IllegalArgumentException if {@code clipValue} is negative or NaN
     */
    public static void clipGradValue(List<? extends Tensor> params, double clipValue) {
        if (!(clipValue >= 0))
            throw new IllegalArgumentException("clipGradValue: clipValue must be >= 0, got " + clipValue);
        float c = (float) clipValue;
        for (Tensor p : params) {
            if (p.grad() == null) continue;
            float[] g = p.grad().data();
            for (int i = 0; i < g.length; i++) g[i] = Math.max(-c, Math.min(c, g[i]));
        }
    }
}
