package dev.myelin.loss;

import dev.myelin.tensor.Tensor;

/**
 * Kullback-Leibler divergence KL(target ‖ model) = Σ t·(log t − input), as {@code nn.KLDivLoss}: the
 * input holds log-probabilities, the target probabilities (or log-probabilities if {@code logTarget}).
 * Terms with t = 0 are 0. Use reduction BATCHMEAN (sum / batch size) for the true KL per sample; MEAN
 * averages over all elements, as PyTorch's (misleading) default does.
 */
public class KLDivLoss extends Loss {
    private final boolean logTarget;

    /**
     * A KL divergence loss, as {@code nn.KLDivLoss(reduction=..., log_target=logTarget)}.
     *
     * @param reduction how to combine the per-element terms; BATCHMEAN gives the KL divergence per sample
     * @param logTarget whether the target holds log-probabilities instead of probabilities
     * @throws IllegalArgumentException if {@code reduction} is null
     */
    public KLDivLoss(Reduction reduction, boolean logTarget) {
        super(reduction);
        this.logTarget = logTarget;
    }

    /**
     * A KL divergence loss whose target holds probabilities.
     *
     * @param reduction how to combine the per-element terms; BATCHMEAN gives the KL divergence per sample
     * @throws IllegalArgumentException if {@code reduction} is null
     */
    public KLDivLoss(Reduction reduction) {
        this(reduction, false);
    }

    /** With PyTorch's default reduction MEAN; prefer {@code new KLDivLoss(Reduction.BATCHMEAN)}. */
    public KLDivLoss() {
        this(Reduction.MEAN);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        requireSameShape(input, target);
        Tensor perElement;
        if (logTarget) perElement = target.exp().mul(target.sub(input));
        else {
            // t·log t with 0·log 0 = 0: the clamp only changes log 0 = −∞ into a finite value multiplied by 0
            Tensor tLogT = target.mul(target.clampMin(Float.MIN_NORMAL).log());
            perElement = tLogT.sub(target.mul(input));
        }
        return reduce(perElement);
    }
}
