package dev.myelin.optim;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba), as {@code torch.optim.Adam}: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay
 * 0 (added to the gradient as L2), amsgrad off. At step t, for gradient g:
 * <pre>
 * g = g + weightDecay·p
 * m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g²
 * amsgrad: vmax = max(vmax, v) and vmax replaces v below
 * p = p − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + eps)
 * </pre>
 * <pre>{@code new Adam(params, 1e-3).betas(0.9, 0.99).amsgrad(true)}</pre>
 */
public final class Adam extends AdamBase<Adam> {
    /**
     * Adam with all of PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0, amsgrad off.
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @throws IllegalArgumentException if {@code params} is empty or invalid
     */
    public Adam(List<?> params) {
        this(params, 1e-3);
    }

    /**
     * Adam with the given learning rate and PyTorch's other defaults: betas (0.9, 0.999), eps 1e-8, weight decay
     * 0, amsgrad off.
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @param lr     the learning rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is out of range
     */
    public Adam(List<?> params, double lr) {
        super("Adam", params, lr, 0, false);
    }
}
