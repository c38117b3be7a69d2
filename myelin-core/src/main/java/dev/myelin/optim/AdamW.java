package dev.myelin.optim;

import java.util.List;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), as {@code torch.optim.AdamW}: before the Adam
 * step the weights shrink by {@code p = p·(1 − lr·weightDecay)}; weight decay defaults to 1e-2, lr to 1e-3.
 */
public final class AdamW extends AdamBase<AdamW> {
    /** @param params tensors, or {@link ParamGroup}s */
    public AdamW(List<?> params) {
        this(params, 1e-3);
    }

    public AdamW(List<?> params, double lr) {
        super("AdamW", params, lr, 1e-2, true);
    }
}
