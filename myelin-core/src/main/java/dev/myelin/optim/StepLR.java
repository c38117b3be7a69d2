package dev.myelin.optim;

/**
 * Multiplies each group's learning rate by {@code gamma} every {@code stepSize} epochs, as PyTorch's StepLR
 * (alone: {@code lr = baseLr·gamma^⌊epoch/stepSize⌋}).
 */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * StepLR with PyTorch's default gamma 0.1: the rate falls tenfold every {@code stepSize} epochs.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param stepSize  the period in epochs, {@code > 0}
     * @throws IllegalArgumentException if {@code stepSize <= 0} or {@code optimizer} is null
     */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    /**
     * StepLR multiplying the rate by {@code gamma} every {@code stepSize} epochs.
     *
     * @param optimizer the optimizer whose groups' learning rates it sets; records each group's {@code initial_lr}
     * @param stepSize  the period in epochs, {@code > 0}
     * @param gamma     the factor, finite and {@code >= 0} (PyTorch's default 0.1)
     * @throws IllegalArgumentException if an argument is out of range or {@code optimizer} is null
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super("StepLR", optimizer);
        this.stepSize = ArgumentChecks.positiveInt("StepLR", "stepSize", stepSize);
        this.gamma = ArgumentChecks.nonNegative("StepLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double lr(int group, double current) {
        int epoch = lastEpoch();
        return epoch == 0 || epoch % stepSize != 0 ? current : current * gamma;
    }
}
