package dev.myelin.optim;

import dev.myelin.tensor.Tensor;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), as {@code torch.optim.AdamW}: before the Adam
 * step the weights shrink by {@code p = p·(1 − lr·weightDecay)}; weight decay defaults to 1e-2, lr to 1e-3.
 */
public final class AdamW extends AdamBase<AdamW> {
    public AdamW(List<? extends Tensor> params) {
        this(params, 1e-3);
    }

    public AdamW(List<? extends Tensor> params, double lr) {
        super("AdamW", params, lr, 1e-2, true);
    }
}
