package dev.myelin.optim;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), as {@code torch.optim.AdamW}: before the Adam
 * step the weights shrink by {@code p = p·(1 − lr·weightDecay)}; weight decay defaults to 1e-2, lr to 1e-3,
 * betas to (0.9, 0.999), eps to 1e-8, amsgrad off. At step t, for gradient g:
 * <pre>
 * p = p·(1 − lr·weightDecay)
 * m = β1·m + (1 − β1)·g;  v = β2·v + (1 − β2)·g²
 * amsgrad: vmax = max(vmax, v) and vmax replaces v below
 * p = p − lr/(1 − β1^t) · m / (√v / √(1 − β2^t) + eps)
 * </pre>
 * <pre>{@code new AdamW(model.parameters(), 3e-4).weightDecay(0.1)}</pre>
 */
public final class AdamW extends AdamBase<AdamW> {
    /**
     * AdamW with all of PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2, amsgrad
     * off.
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @throws IllegalArgumentException if {@code params} is empty or invalid
     */
    public AdamW(List<?> params) {
        this(params, 1e-3);
    }

    /**
     * AdamW with the given learning rate and PyTorch's other defaults: betas (0.9, 0.999), eps 1e-8, weight decay
     * 1e-2, amsgrad off.
     *
     * @param params the tensors to optimize (e.g. {@code model.parameters()}), or {@link ParamGroup}s
     * @param lr     the learning rate, finite and {@code >= 0}
     * @throws IllegalArgumentException if {@code params} is empty or invalid, or {@code lr} is out of range
     */
    public AdamW(List<?> params, double lr) {
        super("AdamW", params, lr, 1e-2, true);
    }
}
