package dev.myelin.optim;

import dev.myelin.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes an optimizer's learning rate as training goes on, as {@code torch.optim.lr_scheduler}. Call
 * {@link #step()} once per epoch, after the optimizer's steps. The schedule starts from the optimizer's
 * learning rate at construction ({@code baseLr}); {@link #lastEpoch()} counts the {@code step()} calls.
 *
 * <p>Schedules with a closed form compute {@code lr(lastEpoch)} directly, so the sequence does not drift
 * from rounding. State dict keys: {@code last_epoch}, {@code base_lr}, plus the subclass's own.
 */
public abstract class LRScheduler {
    protected final Optimizer optimizer;
    private final String name;
    private double baseLr;
    private int lastEpoch;

    protected LRScheduler(String name, Optimizer optimizer) {
        if (optimizer == null) throw new IllegalArgumentException(name + ": optimizer is null");
        this.name = name;
        this.optimizer = optimizer;
        this.baseLr = optimizer.learningRate();
    }

    /** Advances one epoch and sets the optimizer's learning rate. */
    public void step() {
        optimizer.setLearningRate(lr(advanceEpoch()));
    }

    /** Counts one more epoch and returns the new count. */
    protected final int advanceEpoch() {
        return ++lastEpoch;
    }

    /**
     * Advances one epoch given a validation metric. Schedules that do not use a metric ignore it, so a
     * training loop may always pass one; {@link ReduceLROnPlateau} requires it.
     */
    public void step(double metric) {
        step();
    }

    /** The learning rate for epoch {@code epoch} (0 is the base rate). */
    protected abstract double lr(int epoch);

    public int lastEpoch() {
        return lastEpoch;
    }

    public double baseLr() {
        return baseLr;
    }

    /** The learning rate the optimizer has now, as PyTorch's {@code get_last_lr()}. */
    public double lastLr() {
        return optimizer.learningRate();
    }

    protected final String name() {
        return name;
    }

    /** The counters (and for plateau detection, the best metric) as tensors. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("last_epoch", Tensor.scalar(lastEpoch));
        out.put("base_lr", Tensor.scalar((float) baseLr));
        for (var e : extraState().entrySet()) out.put(e.getKey(), Tensor.scalar(e.getValue().floatValue()));
        return out;
    }

    /** Restores what {@link #stateDict()} saved; validates all keys first, changes nothing on error. */
    public void loadStateDict(Map<String, Tensor> dict) {
        Map<String, Double> extra = extraState();
        Map<String, Double> values = new LinkedHashMap<>();
        for (var e : dict.entrySet()) {
            String key = e.getKey();
            if (!key.equals("last_epoch") && !key.equals("base_lr") && !extra.containsKey(key))
                throw new IllegalArgumentException(name + ".loadStateDict: unexpected key '" + key + "' (expected last_epoch, base_lr"
                        + (extra.isEmpty() ? "" : ", " + String.join(", ", extra.keySet())) + ")");
            Tensor t = e.getValue();
            if (t == null || t.numel() != 1)
                throw new IllegalArgumentException(name + ".loadStateDict: key '" + key + "' must hold one value, got "
                        + (t == null ? "null" : "shape " + Arrays.toString(t.shape())));
            values.put(key, (double) t.data()[0]);
        }
        for (String key : expectedKeys(extra))
            if (!values.containsKey(key)) throw new IllegalArgumentException(name + ".loadStateDict: key '" + key + "' is missing");
        double epoch = values.get("last_epoch");
        if (epoch < 0 || epoch != Math.rint(epoch) || epoch > (1 << 24))
            throw new IllegalArgumentException(name + ".loadStateDict: key 'last_epoch' must be a whole number >= 0, got " + epoch);
        Hyper.nonNegative(name, "base_lr", values.get("base_lr"));
        values.remove("last_epoch");
        values.remove("base_lr");
        checkExtraState(values);
        lastEpoch = (int) epoch;
        baseLr = dict.get("base_lr").data()[0];
        setExtraState(values);
    }

    private static Iterable<String> expectedKeys(Map<String, Double> extra) {
        var keys = new java.util.ArrayList<String>(java.util.List.of("last_epoch", "base_lr"));
        keys.addAll(extra.keySet());
        return keys;
    }

    /** Subclass state beyond the epoch counter (saved as float32 scalars). */
    protected Map<String, Double> extraState() {
        return Map.of();
    }

    /** Throws IllegalArgumentException naming the key if a loaded value is invalid. */
    protected void checkExtraState(Map<String, Double> values) {}

    protected void setExtraState(Map<String, Double> values) {}

    @Override
    public String toString() {
        return name + "(lastEpoch=" + lastEpoch + ", lr=" + (float) lastLr() + ")";
    }
}
