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
 */
public final class SupervisedStep implements TrainStep<Batch> {
    private static final List<String> NAMES = List.of("loss", "metric");

    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final BatchMetric metric;
    private final double clipGradNorm;

    /**
     * @param metric       reported next to the loss, or null
     * @param clipGradNorm rescales gradients whose total L2 norm exceeds this; 0 = off
     */
    public SupervisedStep(Module model, Loss loss, Optimizer optimizer, BatchMetric metric, double clipGradNorm) {
        this.model = Objects.requireNonNull(model, "model");
        this.loss = Objects.requireNonNull(loss, "loss");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        if (!(clipGradNorm >= 0)) throw new IllegalArgumentException("clipGradNorm must be >= 0, got " + clipGradNorm);
        this.metric = metric;
        this.clipGradNorm = clipGradNorm;
    }

    @Override
    public StepMetrics step(Batch batch, TrainingContext ctx) {
        Tensor out = model.forward(batch.inputs());
        Tensor l = loss.forward(out, batch.targets());
        float value = l.item();
        StepMetrics m = StepMetrics.of(batch.size()).mean("loss", value);
        if (!Float.isFinite(value)) return m.sum("metric", Double.NaN); // no update from a broken loss
        optimizer.zeroGrad();
        l.backward();
        if (clipGradNorm > 0) GradClip.clipGradNorm(model.parameters(), clipGradNorm);
        optimizer.step();
        return m.sum("metric", metric == null ? Double.NaN : metric.batchSum(out, batch.targets()));
    }

    @Override
    public StepMetrics validate(Batch batch, TrainingContext ctx) {
        Tensor out = model.forward(batch.inputs());
        return StepMetrics.of(batch.size()).mean("loss", loss.forward(out, batch.targets()).item())
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

    /** The metric's name ("accuracy", "mse"), or null without one. */
    public String metricName() {
        return metric == null ? null : metric.name();
    }
}
