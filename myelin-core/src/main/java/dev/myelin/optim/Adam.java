package dev.myelin.optim;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba), as {@code torch.optim.Adam}: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay
 * 0 (added to the gradient as L2), amsgrad off. See {@link AdamBase} for the update.
 * <pre>{@code new Adam(params, 1e-3).betas(0.9, 0.99).amsgrad(true)}</pre>
 */
public final class Adam extends AdamBase<Adam> {
    /** @param params tensors, or {@link ParamGroup}s */
    public Adam(List<?> params) {
        this(params, 1e-3);
    }

    public Adam(List<?> params, double lr) {
        super("Adam", params, lr, 0, false);
    }
}
