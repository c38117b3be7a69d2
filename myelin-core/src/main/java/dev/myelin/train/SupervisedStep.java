package dev.myelin.train;

import dev.myelin.data.Batch;
import dev.myelin.loss.Loss;
import dev.myelin.nn.Module;
import dev.myelin.optim.GradClip;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The default {@link TrainStep}, the course's update: forward, loss, backward, (clip), optimizer step. It
 * reports "loss" (the batch's mean loss) and "metric" (the {@link BatchMetric}, NaN without one), and
 * validates with the same loss and metric. On a non-finite loss it leaves the weights alone and the trainer
 * stops.
 *
 * <p>With gradient accumulation ({@code accumulate} = N &gt; 1) the batches of an epoch are taken in groups of N:
 * each batch's loss is scaled by 1/N before its backward pass, the gradients add up, and the optimizer steps (after
 * clipping the sum) at the group's last batch; so for a mean loss N batches of B give the update of one batch of
 * N·B. An epoch's last group may be shorter (k batches): its losses are scaled by 1/k, a mean again. The position
 * in the group comes from the trainer's batch count, so a resumed fit (checkpoints at group boundaries) agrees.
 */
public final class SupervisedStep implements TrainStep<Batch> {
    private static final List<String> NAMES = List.of("loss", "metric");

    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final BatchMetric metric;
    private final double clipGradNorm;
    private final int accumulate;

    /**
     * A step without gradient accumulation.
     *
     * @param model        the model trained
     * @param loss         the loss of its output against the batch's targets, e.g. {@code new CrossEntropyLoss()}
     * @param optimizer    the optimizer of the model's parameters
     * @param metric       reported next to the loss, or null
     * @param clipGradNorm rescales gradients whose total L2 norm exceeds this; 0 = off
     * @throws NullPointerException if {@code model}, {@code loss} or {@code optimizer} is null
     * @throws IllegalArgumentException if {@code clipGradNorm} is negative or NaN
     */
    public SupervisedStep(Module model, Loss loss, Optimizer optimizer, BatchMetric metric, double clipGradNorm) {
        this(model, loss, optimizer, metric, clipGradNorm, 1);
    }

    /**
     * A step with gradient accumulation over {@code accumulate} batches.
     *
     * @param model        the model trained
     * @param loss         the loss of its output against the batch's targets
     * @param optimizer    the optimizer of the model's parameters
     * @param metric       reported next to the loss, or null
     * @param clipGradNorm rescales gradients whose total L2 norm exceeds this; 0 = off
     * @param accumulate   batches whose gradients add up before each optimizer step (1 = step every batch)
     * @throws NullPointerException if {@code model}, {@code loss} or {@code optimizer} is null
     * @throws IllegalArgumentException if {@code clipGradNorm} is negative or NaN, or {@code accumulate < 1}
     */
    public SupervisedStep(
            Module model, Loss loss, Optimizer optimizer, BatchMetric metric, double clipGradNorm, int accumulate) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        if (!(clipGradNorm >= 0)) throw new IllegalArgumentException("clipGradNorm must be >= 0, got " + clipGradNorm);
        if (accumulate < 1) throw new IllegalArgumentException("accumulate must be >= 1 batch, got " + accumulate);
        this.metric = metric;
        this.clipGradNorm = clipGradNorm;
        this.accumulate = accumulate;
    }

    @Override
    public StepMetrics step(Batch batch, TrainingContext ctx) {
        Tensor out = model.forward(batch.inputs());
        Tensor l = loss.forward(out, batch.targets());
        float value = l.item();
        StepMetrics m = StepMetrics.of(batch.size()).mean("loss", value);
        if (!Float.isFinite(value)) return m.sum("metric", Double.NaN); // no update from a broken loss
        int inGroup = accumulate == 1 ? 0 : (ctx.batch() - 1) % accumulate; // 0 for the first batch of a group
        int groupSize = groupSize(ctx);
        if (inGroup == 0) optimizer.zeroGrad();
        (groupSize == 1 ? l : l.mul(1f / groupSize)).backward();
        if (inGroup == groupSize - 1) {
            if (clipGradNorm > 0) GradClip.clipGradNorm(model.parameters(), clipGradNorm);
            optimizer.step();
        }
        return m.sum("metric", metric == null ? Double.NaN : metric.batchSum(out, batch.targets()));
    }

    /** The batches in the current batch's accumulation group: {@code accumulate}, or fewer for an epoch's last group. */
    private int groupSize(TrainingContext ctx) {
        if (accumulate == 1) return 1;
        int start = (ctx.batch() - 1) / accumulate * accumulate; // batches before this group
        int total = ctx.batchesPerEpoch();
        return total > 0 ? Math.min(accumulate, total - start) : accumulate;
    }

    /** {@return the batches whose gradients add up before each optimizer step (1: no accumulation)} */
    public int accumulate() {
        return accumulate;
    }

    @Override
    public StepMetrics validate(Batch batch, TrainingContext ctx) {
        Tensor out = model.forward(batch.inputs());
        return StepMetrics.of(batch.size())
                .mean("loss", loss.forward(out, batch.targets()).item())
                .sum("metric", metric == null ? Double.NaN : metric.batchSum(out, batch.targets()));
    }

    @Override
    public List<String> metricNames() {
        return NAMES;
    }

    @Override
    public List<String> validationNames() {
        return NAMES;
    }

    @Override
    public SequencedMap<String, Module> models() {
        SequencedMap<String, Module> m = new LinkedHashMap<>();
        m.put("model", model);
        return m;
    }

    @Override
    public SequencedMap<String, Optimizer> optimizers() {
        SequencedMap<String, Optimizer> m = new LinkedHashMap<>();
        m.put("optimizer", optimizer);
        return m;
    }

    /** {@return the metric's name ("accuracy", "mse"), or null without one} */
    public String metricName() {
        return metric == null ? null : metric.name();
    }
}
