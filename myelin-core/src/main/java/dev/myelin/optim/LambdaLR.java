package dev.myelin.optim;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Sets each group's learning rate to its base rate times a function of the epoch, as PyTorch's LambdaLR:
 * {@code lr = baseLr·lrLambda(epoch)}, one function for all groups or one per group. Like PyTorch's, this is
 * not chainable: it starts from the base rate each step. The functions are not saved in the state dict.
 * <pre>{@code new LambdaLR(optimizer, epoch -> Math.pow(0.95, epoch))}</pre>
 */
public final class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> lrLambdas;

    /**
     * LambdaLR with one function for every group. {@link #step()} fails with IllegalStateException if the function
     * returns a negative or non-finite factor.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param lrLambda  the factor of the base rate as a function of the epoch (0 at construction)
     * @throws IllegalArgumentException if {@code lrLambda} or {@code optimizer} is null
     */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lrLambda) {
        this(optimizer, List.of(checked(lrLambda)), true);
    }

    /**
     * LambdaLR with one function per parameter group. {@link #step()} fails with IllegalStateException if a
     * function returns a negative or non-finite factor.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param lrLambdas the factor of each group's base rate as a function of the epoch, one per group in order
     * @throws IllegalArgumentException if the list is null, has a null function or not one per group
     */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas) {
        this(optimizer, lrLambdas, false);
    }

    private LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lrLambdas, boolean shared) {
        super("LambdaLR", optimizer);
        int groups = optimizer.paramGroups().size();
        if (lrLambdas == null) throw new IllegalArgumentException("LambdaLR: lrLambdas is null");
        if (!shared && lrLambdas.size() != groups)
            throw new IllegalArgumentException(
                    "LambdaLR: expected " + groups + " lrLambdas (one per parameter group), got " + lrLambdas.size());
        for (int i = 0; i < lrLambdas.size(); i++)
            if (lrLambdas.get(i) == null) throw new IllegalArgumentException("LambdaLR: lrLambdas[" + i + "] is null");
        this.lrLambdas = List.copyOf(shared ? java.util.Collections.nCopies(groups, lrLambdas.get(0)) : lrLambdas);
        initialStep();
    }

    private static IntToDoubleFunction checked(IntToDoubleFunction f) {
        if (f == null) throw new IllegalArgumentException("LambdaLR: lrLambda is null");
        return f;
    }

    @Override
    protected double lr(int group, double current) {
        double factor = lrLambdas.get(group).applyAsDouble(lastEpoch());
        if (!(factor >= 0) || Double.isInfinite(factor))
            throw new IllegalStateException("LambdaLR: lrLambda(" + lastEpoch() + ") for group " + group + " returned "
                    + factor + "; the factor must be finite and >= 0");
        return baseLrs()[group] * factor;
    }
}
