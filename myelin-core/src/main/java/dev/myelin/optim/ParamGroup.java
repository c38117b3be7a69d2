package dev.myelin.optim;

import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of parameters that share hyperparameter values, as an entry of PyTorch's {@code optimizer.param_groups}.
 *
 * <p>Built by the user as a request: the parameters plus the settings this group overrides, by camelCase name
 * (PyTorch's key is accepted too); every other setting comes from the optimizer's defaults.
 * <pre>{@code
 * new SGD(List.of(ParamGroup.of(body.parameters()),
 *                 ParamGroup.of(head.parameters()).lr(1e-3).set("weightDecay", 0)), 1e-2).momentum(0.9)
 * }</pre>
 * The optimizer validates the request and keeps its own live copy, which {@link Optimizer#paramGroups()} returns:
 * its values can be read and set (schedulers set {@link #lr(double)}), and each change is validated at once.
 * A setting the group does not override follows the optimizer's default, including later changes to it.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Optimizer owner; // null while this is a request not yet given to an optimizer
    private final Map<String, double[]> requested; // a request's overrides, by the name the user gave
    private final Map<Setting, double[]> values; // a live group's values, every setting of the owner
    private final Set<Setting> overridden;
    private double initialLr = Double.NaN; // set by the first scheduler, as PyTorch's group['initial_lr']

    private ParamGroup(List<Tensor> params) {
        this.params = params;
        this.owner = null;
        this.requested = new LinkedHashMap<>();
        this.values = null;
        this.overridden = null;
    }

    ParamGroup(Optimizer owner, List<Tensor> params, Map<Setting, double[]> values, Set<Setting> overridden) {
        this.params = List.copyOf(params);
        this.owner = owner;
        this.requested = null;
        this.values = values;
        this.overridden = overridden;
    }

    /**
     * Starts a group request; chain {@link #lr(double)} or {@link #set} for the settings it overrides.
     *
     * @param params the group's tensors (leaf tensors, each in one group only; checked when the request is given
     *     to an optimizer)
     * @return a request that an optimizer's constructor or {@link Optimizer#addParamGroup} accepts
     * @throws IllegalArgumentException if {@code params} is null
     */
    public static ParamGroup of(List<? extends Tensor> params) {
        if (params == null) throw new IllegalArgumentException("ParamGroup.of: params is null");
        return new ParamGroup(new ArrayList<>(params));
    }

    /** {@return the group's parameters} */
    public List<Tensor> params() {
        return params;
    }

    /**
     * Sets a one-value setting ({@code "lr"}, {@code "weightDecay"}, ...) or a pair ({@code set("betas", 0.9,
     * 0.99)}). On a request the value is checked when the optimizer takes the group; on a live group at once, and
     * the group stops following the optimizer's default for it.
     *
     * @param name  the setting's camelCase name or PyTorch's key
     * @param value its value (two for a pair)
     * @return this group, for chaining
     * @throws IllegalArgumentException on a live group, if the optimizer has no such setting or the value breaks
     *     its rule; on a request, if {@code name} is null
     */
    public ParamGroup set(String name, double... value) {
        if (owner == null) {
            if (name == null) throw new IllegalArgumentException("ParamGroup.set: name is null");
            requested.put(name, value == null ? null : value.clone());
        } else {
            Setting s = owner.setting(name);
            values.put(s, s.check(owner.name() + " group", value));
            overridden.add(s);
        }
        return this;
    }

    /**
     * Sets a flag ({@code "nesterov"}, {@code "amsgrad"}, ...), as {@link #set(String, double...)} with 1 or 0.
     *
     * @param name the flag's camelCase name or PyTorch's key
     * @param flag its value
     * @return this group, for chaining
     */
    public ParamGroup set(String name, boolean flag) {
        return set(name, flag ? 1 : 0);
    }

    /**
     * Sets the learning rate; schedulers call this.
     *
     * @param lr the new rate, finite and {@code >= 0}
     * @return this group, for chaining
     */
    public ParamGroup lr(double lr) {
        return set(Setting.LR.name(), lr);
    }

    /**
     * The group's learning rate.
     *
     * @return the current rate; on a request, the rate it overrides
     * @throws IllegalStateException on a request that does not set {@code lr}
     */
    public double lr() {
        return get(Setting.LR.name());
    }

    /**
     * A one-value setting's value (flags read 0 or 1); on a request, only a setting it overrides.
     *
     * @param name the setting's camelCase name or PyTorch's key
     * @return its value
     * @throws IllegalArgumentException if the setting is a pair, or the optimizer has no such setting
     * @throws IllegalStateException on a request that does not set it
     */
    public double get(String name) {
        double[] v = values(name);
        if (v.length != 1)
            throw new IllegalArgumentException(
                    "ParamGroup.get: " + name + " has " + v.length + " values; use values(\"" + name + "\")");
        return v[0];
    }

    /**
     * A setting's values; use this for a pair such as {@code betas}.
     *
     * @param name the setting's camelCase name or PyTorch's key
     * @return a copy of its values (two for a pair)
     * @throws IllegalArgumentException if the optimizer has no such setting
     * @throws IllegalStateException on a request that does not set it
     */
    public double[] values(String name) {
        if (owner != null) return values.get(owner.setting(name)).clone();
        double[] v = requested.get(name);
        if (v == null)
            throw new IllegalStateException(
                    "ParamGroup: " + name
                            + " is not set on this request; it takes the optimizer's default once the group is given to an optimizer");
        return v.clone();
    }

    /**
     * Whether the group has a setting.
     *
     * @param name the setting's camelCase name or PyTorch's key
     * @return for a live group, whether its optimizer has the setting; for a request, whether it overrides it
     */
    public boolean has(String name) {
        return owner != null ? owner.hasSetting(name) : requested.containsKey(name);
    }

    // ---------------------------------------------------------------- for the optimizer and schedulers

    Map<String, double[]> requested() {
        return requested;
    }

    /** The value of a one-value setting, for update loops. */
    double value(Setting s) {
        return values.get(s)[0];
    }

    double[] pair(Setting s) {
        return values.get(s);
    }

    boolean flag(Setting s) {
        return values.get(s)[0] == 1;
    }

    /** The optimizer's default changed: follow it unless this group overrides the setting. */
    void defaultChanged(Setting s, double[] v) {
        if (!overridden.contains(s)) values.put(s, v);
    }

    Map<Setting, double[]> valuesView() {
        return values;
    }

    double initialLr() {
        return initialLr;
    }

    void initialLr(double lr) {
        this.initialLr = lr;
    }

    boolean hasInitialLr() {
        return !Double.isNaN(initialLr);
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("params=" + params.size());
        if (owner != null) {
            for (var e : values.entrySet()) parts.add(Optimizer.format(e.getKey(), e.getValue()));
        } else {
            for (var e : requested.entrySet()) parts.add(e.getKey() + "=" + java.util.Arrays.toString(e.getValue()));
        }
        return "ParamGroup(" + String.join(", ", parts) + ")";
    }
}
