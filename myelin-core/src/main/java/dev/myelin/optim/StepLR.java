package dev.myelin.optim;

/**
 * Multiplies each group's learning rate by {@code gamma} every {@code stepSize} epochs, as PyTorch's StepLR
 * (alone: {@code lr = baseLr·gamma^⌊epoch/stepSize⌋}).
 */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super("StepLR", optimizer);
        this.stepSize = Hyper.positiveInt("StepLR", "stepSize", stepSize);
        this.gamma = Hyper.nonNegative("StepLR", "gamma", gamma);
        initialStep();
    }

    @Override
    protected double lr(int group, double current) {
        int epoch = lastEpoch();
        return epoch == 0 || epoch % stepSize != 0 ? current : current * gamma;
    }
}
