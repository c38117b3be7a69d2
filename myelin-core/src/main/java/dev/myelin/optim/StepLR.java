package dev.myelin.optim;

/** Multiplies the learning rate by {@code gamma} every {@code stepSize} epochs: {@code lr = baseLr·gamma^⌊epoch/stepSize⌋}. */
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
    }

    @Override
    protected double lr(int epoch) {
        return baseLr() * Math.pow(gamma, epoch / stepSize);
    }
}
