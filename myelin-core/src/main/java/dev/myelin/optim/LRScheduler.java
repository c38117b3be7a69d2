package dev.myelin.optim;

import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes the learning rate of each of an optimizer's parameter groups as training goes on, as
 * {@code torch.optim.lr_scheduler} in PyTorch 1.13. Call {@link #step()} after the optimizer's steps (once per
 * epoch, or per batch for {@link OneCycleLR}).
 *
 * <p>As in PyTorch, construction records each group's {@code initial_lr} (unless a scheduler already did) as
 * {@link #baseLrs()}, and takes a first step to epoch 0. Each step sets {@link #lastEpoch()} one higher and gives
 * every group {@link #lr(int, double)} computed from the group's <em>current</em> rate (PyTorch's chainable
 * {@code get_lr()}), so a rate the user changed by hand is carried on and two schedulers on one optimizer
 * multiply their factors. Groups keep rates at float32, so a long recursive schedule may differ from PyTorch's
 * float64 one in the seventh significant digit.
 *
 * <p>State dict keys: {@code last_epoch}, {@code base_lrs} and {@code last_lr} (one value per group), plus the
 * subclass's own; the groups' current rates are in the optimizer's state dict.
 */
public abstract class LRScheduler {
    /** The optimizer whose groups' learning rates this scheduler sets. */
    protected final Optimizer optimizer;

    private final String name;
    private double[] baseLrs;
    private double[] lastLr;
    private int lastEpoch = -1;

    /**
     * Records the groups' initial rates; a subclass ends its constructor with {@link #initialStep()}.
     *
     * @param name      the scheduler's name in messages and {@link #toString()}
     * @param optimizer the optimizer whose groups' learning rates it sets; build it with every group first
     * @throws IllegalArgumentException if {@code optimizer} is null
     */
    protected LRScheduler(String name, Optimizer optimizer) {
        this(name, optimizer, true);
    }

    LRScheduler(String name, Optimizer optimizer, boolean recordsInitialLr) {
        if (optimizer == null) throw new IllegalArgumentException(name + ": optimizer is null");
        this.name = name;
        this.optimizer = optimizer;
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int i = 0; i < baseLrs.length; i++) {
            ParamGroup g = groups.get(i);
            if (recordsInitialLr && !g.hasInitialLr()) g.initialLr(g.lr());
            baseLrs[i] = recordsInitialLr ? g.initialLr() : g.lr();
        }
        lastLr = currentLrs();
    }

    /** The step to epoch 0 that PyTorch's constructor takes; call it last in a subclass constructor. */
    protected final void initialStep() {
        step();
    }

    /**
     * Advances one epoch and sets every group's learning rate.
     *
     * @throws IllegalStateException if groups were added to the optimizer after this scheduler was built, or a
     *     computed rate is negative or not finite
     */
    public void step() {
        lastEpoch++;
        List<ParamGroup> groups = groups();
        double[] lrs = new double[groups.size()];
        for (int i = 0; i < lrs.length; i++) lrs[i] = lr(i, groups.get(i).lr());
        setLrs(lrs);
    }

    /**
     * Advances one epoch given a validation metric. Schedules that do not use a metric ignore it, so a
     * training loop may always pass one; {@link ReduceLROnPlateau} requires it.
     *
     * @param metric the validation metric of the epoch just finished (e.g. the validation loss)
     */
    public void step(double metric) {
        step();
    }

    /**
     * Group {@code group}'s learning rate at epoch {@link #lastEpoch()}, from its current rate {@code current}
     * (PyTorch's chainable {@code get_lr()}). The default keeps the rate, for schedules that override
     * {@link #step()} and set rates themselves.
     *
     * @param group   the group's index in the optimizer
     * @param current the group's current learning rate
     * @return its learning rate for the new epoch
     */
    protected double lr(int group, double current) {
        return current;
    }

    /** Restarts at epoch 0 from the base rates, as PyTorch's {@code step(0)}; {@link SequentialLR} calls it at a milestone. */
    void restart() {
        lastEpoch = -1;
        setLrs(baseLrs.clone());
        step();
    }

    /**
     * Sets the groups' rates (each rounded to float32 by the group) and records them as the last rates.
     *
     * @param lrs one rate per group, in order
     * @throws IllegalStateException naming the group and epoch if a rate is negative or not finite
     */
    protected final void setLrs(double[] lrs) {
        List<ParamGroup> groups = groups();
        for (int i = 0; i < lrs.length; i++) {
            if (!(lrs[i] >= 0) || Double.isInfinite(lrs[i]))
                throw new IllegalStateException(name + ": the learning rate of group " + i + " at epoch " + lastEpoch
                        + " came out as " + lrs[i]);
        }
        for (int i = 0; i < lrs.length; i++) groups.get(i).lr(lrs[i]);
        lastLr = currentLrs();
    }

    /**
     * The optimizer's groups, checked against the count this scheduler was built for.
     *
     * @return the live groups
     * @throws IllegalStateException if groups were added after this scheduler was built
     */
    protected final List<ParamGroup> groups() {
        List<ParamGroup> groups = optimizer.paramGroups();
        if (groups.size() != baseLrs.length)
            throw new IllegalStateException(name + ": the optimizer has " + groups.size()
                    + " parameter groups but this scheduler was built for " + baseLrs.length
                    + "; build the scheduler after adding every group");
        return groups;
    }

    private double[] currentLrs() {
        return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
    }

    /** {@return the current epoch: 0 after construction, one more per step (PyTorch's {@code last_epoch})} */
    public int lastEpoch() {
        return lastEpoch;
    }

    final void lastEpoch(int epoch) {
        this.lastEpoch = epoch;
    }

    /** {@return each group's {@code initial_lr} when this scheduler was built (a copy)} */
    public double[] baseLrs() {
        return baseLrs.clone();
    }

    /** {@return the rates this scheduler last set, one per group, as PyTorch's {@code get_last_lr()} (a copy)} */
    public double[] getLastLr() {
        return lastLr.clone();
    }

    /** {@return the scheduler's name in messages, e.g. {@code "StepLR"}} */
    protected final String name() {
        return name;
    }

    // ---------------------------------------------------------------- state dict

    /**
     * The scheduler's state, as PyTorch's {@code scheduler.state_dict()}.
     *
     * @return {@code last_epoch}, {@code base_lrs}, {@code last_lr} and the subclass's own values (for plateau
     *     detection, the best metric) as float32 tensors by key
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("last_epoch", Tensor.scalar(lastEpoch));
        out.put("base_lrs", Tensor.fromArray(baseLrs, baseLrs.length));
        out.put("last_lr", Tensor.fromArray(lastLr, lastLr.length));
        for (var e : extraState().entrySet())
            out.put(e.getKey(), Tensor.scalar(e.getValue().floatValue()));
        return out;
    }

    /**
     * Restores what {@link #stateDict()} saved; validates all keys first, changes nothing on error.
     *
     * @param dict the saved state by key
     * @throws IllegalArgumentException naming the key, if a key is unexpected or missing or a value is invalid
     */
    public void loadStateDict(Map<String, Tensor> dict) {
        Map<String, Double> extra = extraState();
        List<String> expected = new ArrayList<>(List.of("last_epoch", "base_lrs", "last_lr"));
        expected.addAll(extra.keySet());
        for (String key : dict.keySet())
            if (!expected.contains(key))
                throw new IllegalArgumentException(name + ".loadStateDict: unexpected key '" + key + "' (expected "
                        + String.join(", ", expected) + ")");
        for (String key : expected)
            if (dict.get(key) == null)
                throw new IllegalArgumentException(name + ".loadStateDict: key '" + key + "' is missing");
        double epoch = scalar(dict, "last_epoch");
        if (epoch < -1 || epoch != Math.rint(epoch) || epoch > (1 << 24))
            throw new IllegalArgumentException(
                    name + ".loadStateDict: key 'last_epoch' must be a whole number >= -1, got " + epoch);
        double[] base = rates(dict, "base_lrs"), last = rates(dict, "last_lr");
        Map<String, Double> values = new LinkedHashMap<>();
        for (String key : extra.keySet()) values.put(key, scalar(dict, key));
        checkExtraState(values);
        lastEpoch = (int) epoch;
        baseLrs = base;
        lastLr = last;
        setExtraState(values);
    }

    private double scalar(Map<String, Tensor> dict, String key) {
        Tensor t = dict.get(key);
        if (t.numel() != 1)
            throw new IllegalArgumentException(name + ".loadStateDict: key '" + key
                    + "' must hold one value, got shape " + Arrays.toString(t.shape()));
        return t.data()[0];
    }

    private double[] rates(Map<String, Tensor> dict, String key) {
        Tensor t = dict.get(key);
        if (t.numel() != baseLrs.length)
            throw new IllegalArgumentException(name + ".loadStateDict: key '" + key + "' has " + t.numel()
                    + " values, but the optimizer has " + baseLrs.length + " parameter group(s)");
        double[] v = new double[t.numel()];
        for (int i = 0; i < v.length; i++)
            v[i] = ArgumentChecks.nonNegative(name + ".loadStateDict", key + "[" + i + "]", t.data()[i]);
        return v;
    }

    /**
     * The subclass's own state at full precision: the state dict rounds it to float32, which of the built-in
     * schedules changes only {@link ReduceLROnPlateau}'s best value. Training checkpoints keep both, so a resumed fit
     * compares against exactly the values an uninterrupted one would.
     *
     * @return a copy of the subclass's own values by key (empty for most schedules)
     */
    public Map<String, Double> exactExtraState() {
        return new LinkedHashMap<>(extraState());
    }

    /**
     * Restores what {@link #exactExtraState()} returned, after {@link #loadStateDict}; checked as that checks,
     * nothing changes on error.
     *
     * @param values the values by key
     * @throws IllegalArgumentException if the keys differ from this scheduler's or a value is invalid
     */
    public void loadExactExtraState(Map<String, Double> values) {
        if (!values.keySet().equals(extraState().keySet()))
            throw new IllegalArgumentException(name + ".loadExactExtraState: keys " + values.keySet() + ", expected "
                    + extraState().keySet());
        checkExtraState(values);
        setExtraState(values);
    }

    /** {@return the subclass's state beyond the epoch counter, by key (saved as float32 scalars); empty by default} */
    protected Map<String, Double> extraState() {
        return Map.of();
    }

    /**
     * Checks loaded values of the subclass's state before any is applied; accepts everything by default.
     *
     * @param values the values by key, the keys of {@link #extraState()}
     * @throws IllegalArgumentException naming the key if a value is invalid
     */
    protected void checkExtraState(Map<String, Double> values) {}

    /**
     * Applies checked values of the subclass's state; does nothing by default.
     *
     * @param values the values by key, the keys of {@link #extraState()}
     */
    protected void setExtraState(Map<String, Double> values) {}

    @Override
    public String toString() {
        List<String> lrs =
                Arrays.stream(lastLr).mapToObj(v -> String.valueOf((float) v)).toList();
        return name + "(lastEpoch=" + lastEpoch + ", lr=" + (lrs.size() == 1 ? lrs.get(0) : lrs.toString()) + ")";
    }
}
