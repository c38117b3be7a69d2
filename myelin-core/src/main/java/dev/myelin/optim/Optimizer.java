package dev.myelin.optim;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Base of the optimizers, as {@code torch.optim.Optimizer}: parameter groups ({@link ParamGroup}), each with its
 * own values of the optimizer's {@link Setting}s (the rest from the defaults), and per-parameter
 * {@link ParamState}. {@link #step()} runs {@link #update} for every parameter that has a gradient, under
 * {@link NoGrad}, writing into {@code p.data()}; parameters whose gradient is null are skipped, as in PyTorch.
 *
 * <p>Built from one list of parameters (one group) or a list of {@link ParamGroup}s; the {@code lr} argument and
 * the fluent setters of a subclass ({@code new SGD(params, 0.1).momentum(0.9)}) set the defaults, which every
 * group follows unless it overrides the setting.
 *
 * <p>Hyperparameters are kept at float32 precision (the precision of the tensors they scale), so that
 * {@link #stateDict()} → {@link #loadStateDict} round-trips exactly and training continues bit-identically.
 *
 * <p>State dict keys, PyTorch's {@code state} and {@code param_groups} flattened: {@code state.<i>.step} and
 * {@code state.<i>.<buffer>} (e.g. {@code state.0.exp_avg}) by parameter index, counted across the groups in
 * order; {@code param_groups.<g>.params} (the group's parameter indices), {@code param_groups.<g>.<key>} for each
 * setting (e.g. {@code param_groups.1.lr}, {@code param_groups.0.betas}) and {@code param_groups.<g>.initial_lr}
 * once a scheduler has set it.
 */
public abstract class Optimizer {
    private static final int MAX_EXACT_STEP = 1 << 24; // steps are saved as float32

    private final String name;
    private final List<Setting> settings;
    private final Map<Setting, double[]> defaults = new LinkedHashMap<>();
    private final List<ParamGroup> groups = new ArrayList<>();
    private final List<Tensor> params = new ArrayList<>();
    private final Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<ParamState> state = new ArrayList<>();

    /**
     * Builds the optimizer's groups and defaults from the subclass's constructor arguments, checking every value.
     *
     * @param name     the optimizer's name in messages and {@link #toString()}, e.g. {@code "SGD"}
     * @param params   the tensors to optimize (one group), or {@link ParamGroup}s; not mixed
     * @param lr       the default learning rate
     * @param settings the optimizer's hyperparameters besides lr, with their PyTorch defaults
     * @throws IllegalArgumentException if {@code params} is empty, mixes tensors and groups, lists a tensor twice
     *     or a non-leaf tensor, or a value breaks its setting's rule
     */
    protected Optimizer(String name, List<?> params, double lr, Setting... settings) {
        this.name = name;
        List<Setting> all = new ArrayList<>();
        all.add(Setting.LR);
        all.addAll(List.of(settings));
        this.settings = List.copyOf(all);
        for (Setting s : settings) defaults.put(s, s.check(name, s.defaultValue()));
        defaults.put(Setting.LR, Setting.LR.check(name, lr));
        if (params == null || params.isEmpty())
            throw new IllegalArgumentException(
                    name + ": params is empty; pass the tensors to optimize (e.g. model.parameters()) or ParamGroups");
        if (params.get(0) instanceof ParamGroup) {
            for (int g = 0; g < params.size(); g++) {
                if (!(params.get(g) instanceof ParamGroup group))
                    throw new IllegalArgumentException(name + ": params[" + g + "] is " + describe(params.get(g))
                            + "; pass either tensors or ParamGroups, not both");
                add(group, "paramGroups[" + g + "].");
            }
        } else {
            List<Tensor> tensors = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                Object o = params.get(i);
                if (o != null && !(o instanceof Tensor))
                    throw new IllegalArgumentException(name + ": params[" + i + "] is " + describe(o)
                            + "; pass either tensors or ParamGroups, not both");
                tensors.add((Tensor) o);
            }
            add(ParamGroup.of(tensors), "");
        }
    }

    private static String describe(Object o) {
        return o == null ? "null" : "a " + o.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- groups and settings

    /**
     * Adds a group, as PyTorch's {@code add_param_group}: settings it does not override take the defaults.
     *
     * @param group a request built with {@link ParamGroup#of}; its parameters must not be in another group
     * @throws IllegalArgumentException if the group is null or empty, a parameter is already optimized here, or
     *     an override names an unknown setting or breaks its rule
     */
    public void addParamGroup(ParamGroup group) {
        if (group == null) throw new IllegalArgumentException(name + ".addParamGroup: group is null");
        add(group, "paramGroups[" + groups.size() + "].");
    }

    private void add(ParamGroup request, String where) {
        if (request.requested() == null)
            throw new IllegalArgumentException(name + ": " + where.replaceAll("\\.$", "")
                    + " already belongs to an optimizer; pass ParamGroup.of(...) requests");
        List<Tensor> ps = request.params();
        if (ps.isEmpty()) throw new IllegalArgumentException(name + ": " + where + "params is empty");
        Set<Tensor> mine = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < ps.size(); i++) {
            Tensor p = ps.get(i);
            String at = where + "params[" + i + "]";
            if (p == null) throw new IllegalArgumentException(name + ": " + at + " is null");
            if (!p.isLeaf())
                throw new IllegalArgumentException(name + ": " + at + " is not a leaf tensor (it was computed by "
                        + p.gradFn() + "); optimize the leaf it was computed from");
            if (!mine.add(p))
                throw new IllegalArgumentException(
                        name + ": " + at + " appears more than once; each parameter must be listed once");
            if (seen.contains(p))
                throw new IllegalArgumentException(
                        name + ": " + at + " is already in another parameter group; a parameter belongs to one group");
        }
        Map<Setting, double[]> values = new LinkedHashMap<>();
        for (Setting s : settings) values.put(s, defaults.get(s));
        Set<Setting> overridden = new HashSet<>();
        for (var e : request.requested().entrySet()) {
            Setting s = setting(e.getKey());
            values.put(s, s.check(name + " " + where.replaceAll("\\.$", ""), e.getValue()));
            overridden.add(s);
        }
        // combinations (nesterov needs momentum) are checked at step(): fluent setters may still follow
        groups.add(new ParamGroup(this, ps, values, overridden));
        seen.addAll(ps);
        params.addAll(ps);
        for (int i = 0; i < ps.size(); i++) state.add(null);
    }

    /** {@return the parameter groups, in order (live: schedulers and users read and set their values)} */
    public List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /**
     * Whether this optimizer has a setting: {@code hasSetting("momentum")} is true for SGD, false for Adam.
     *
     * @param name the setting's camelCase name or PyTorch's key ({@code weightDecay} or {@code weight_decay})
     * @return true if a group of this optimizer can set it
     */
    public boolean hasSetting(String name) {
        return find(name) != null;
    }

    /** The setting called {@code name} (camelCase or PyTorch's key); fails naming the ones that exist. */
    Setting setting(String name) {
        Setting s = find(name);
        if (s == null)
            throw new IllegalArgumentException(this.name + " has no setting '" + name + "'; its settings are "
                    + settings.stream().map(Setting::name).toList());
        return s;
    }

    private Setting find(String name) {
        for (Setting s : settings) if (s.name().equals(name) || s.key().equals(name)) return s;
        return null;
    }

    /**
     * Sets a default (a subclass's fluent setter); groups that do not override it follow.
     *
     * @param s     the setting
     * @param value its new value (two for a pair, 0 or 1 for a flag)
     * @throws IllegalArgumentException if the value breaks the setting's rule
     */
    protected final void setDefault(Setting s, double... value) {
        double[] v = s.check(name, value);
        defaults.put(s, v);
        for (ParamGroup g : groups) g.defaultChanged(s, v);
    }

    /**
     * A one-value default (flags read 0 or 1).
     *
     * @param s the setting
     * @return its current default
     */
    protected final double getDefault(Setting s) {
        return defaults.get(s)[0];
    }

    /**
     * A default's values.
     *
     * @param s the setting
     * @return a copy of its current default (two values for a pair)
     */
    protected final double[] getDefaults(Setting s) {
        return defaults.get(s).clone();
    }

    /** {@return all parameters, in the order their state is indexed (group by group); read-only} */
    public List<Tensor> params() {
        return Collections.unmodifiableList(params);
    }

    /** {@return the first group's learning rate: with one group, the learning rate} */
    public double learningRate() {
        return groups.get(0).lr();
    }

    /**
     * Sets every group's learning rate, overriding per-group values.
     *
     * @param lr the new rate
     * @throws IllegalArgumentException if it is negative or not finite
     */
    public final void setLearningRate(double lr) {
        double[] v = Setting.LR.check(name, lr);
        for (ParamGroup g : groups) g.lr(v[0]);
    }

    // ---------------------------------------------------------------- stepping

    /**
     * One update of every parameter that has a gradient, with its group's values (PyTorch's {@code step()}).
     *
     * @throws IllegalArgumentException if a group's values do not go together (SGD's nesterov without momentum)
     */
    public final void step() {
        for (ParamGroup g : groups) checkGroup(g);
        try (var ignored = NoGrad.enter()) {
            int i = 0;
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    int index = i++;
                    Tensor g = p.grad();
                    if (g == null) continue;
                    if (state.get(index) == null) state.set(index, new ParamState(p.numel()));
                    ParamState s = state.get(index);
                    s.setStep(s.step() + 1);
                    update(p.data(), g.values(), s, group);
                    p.bumpVersion(); // saved copies of p in an old graph are now stale
                }
            }
        }
    }

    /** Clears every parameter's gradient (sets it to null, as PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /**
     * The state of one parameter.
     *
     * @param index the parameter's position in {@link #params()}
     * @return its step count and buffers, or null before its first update
     * @throws IndexOutOfBoundsException if there is no such parameter
     */
    public ParamState state(int index) {
        return state.get(index);
    }

    /**
     * Updates one parameter in place with its group's values ({@code group.value(LR)}, ...). {@code s.step()}
     * has already been incremented (it is 1 on the first update). {@code grad} must not be modified.
     *
     * @param param the parameter's values, updated in place
     * @param grad  its gradient, same length; read only
     * @param s     its state, whose buffers the update reads and writes
     * @param group the group it belongs to, for the hyperparameter values
     */
    protected abstract void update(float[] param, float[] grad, ParamState s, ParamGroup group);

    /** {@return the names of the per-parameter buffers this optimizer may create (used to validate loaded state)} */
    protected abstract Set<String> bufferNames();

    /**
     * Checks combinations of a group's values that one setting cannot check alone (nesterov needs momentum).
     * Does nothing by default.
     *
     * @param group the group to check, before a step or a loaded state is applied
     * @throws IllegalArgumentException if the values do not go together
     */
    protected void checkGroup(ParamGroup group) {}

    /** {@return the optimizer's name in messages, e.g. {@code "Adam"}} */
    protected final String name() {
        return name;
    }

    // ---------------------------------------------------------------- state dict

    /**
     * A copy of the state, as PyTorch's {@code optimizer.state_dict()} flattened (the keys are listed in the class
     * comment).
     *
     * @return per-parameter step counts and buffers, and each group's values, as float32 tensors by key
     */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            ParamState s = state.get(i);
            if (s == null) continue;
            int[] shape = params.get(i).shape();
            out.put("state." + i + ".step", Tensor.scalar(s.step()));
            for (var e : s.buffers().entrySet())
                out.put("state." + i + "." + e.getKey(), new Tensor(e.getValue().clone(), shape));
        }
        int first = 0;
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            String prefix = "param_groups." + g + ".";
            float[] indices = new float[group.params().size()];
            for (int k = 0; k < indices.length; k++) indices[k] = first + k;
            first += indices.length;
            out.put(prefix + "params", new Tensor(indices, indices.length));
            for (var e : group.valuesView().entrySet())
                out.put(prefix + e.getKey().key(), Tensor.fromArray(e.getValue())); // pairs 1-D
            if (group.hasInitialLr()) out.put(prefix + "initial_lr", Tensor.scalar((float) group.initialLr()));
        }
        return out;
    }

    /**
     * Replaces the state with {@code dict}, as saved by {@link #stateDict()} of an optimizer of the same type with
     * the same number of groups, each as many parameters of the same shapes. Everything is validated first; on any
     * error nothing changes. A state saved before parameter groups existed ({@code group.<key>}) loads into a
     * one-group optimizer.
     *
     * @param dict the saved state by key
     * @throws IllegalArgumentException naming the key, if a key is unknown or missing, a value has the wrong
     *     shape or breaks its setting's rule, or the groups differ in number or size
     */
    public void loadStateDict(Map<String, Tensor> dict) {
        dict = legacyToGroups(dict);
        int saved = savedGroupCount(dict);
        if (saved == 0)
            throw bad("param_groups.0.lr", "is missing: the state has no parameter groups (param_groups.<g>.*)");
        if (saved != groups.size())
            throw new IllegalArgumentException(name + ".loadStateDict: the state has " + saved
                    + " parameter group(s) (param_groups.0 .. param_groups." + (saved - 1) + "), but " + name + " has "
                    + groups.size() + " parameter group(s); build it with the same groups");
        Set<String> buffers = bufferNames();
        ParamState[] loaded = new ParamState[params.size()];
        List<Map<Setting, double[]>> values = new ArrayList<>();
        double[] initialLrs = new double[groups.size()];
        Arrays.fill(initialLrs, Double.NaN);
        for (int g = 0; g < groups.size(); g++) values.add(new LinkedHashMap<>());
        boolean[] sawParams = new boolean[groups.size()];
        for (var e : dict.entrySet()) {
            String key = e.getKey();
            Tensor t = e.getValue();
            if (t == null) throw bad(key, "is null");
            if (key.startsWith("param_groups.")) {
                String rest = key.substring("param_groups.".length());
                int dot = rest.indexOf('.');
                int g = dot < 0 ? -1 : parseIndex(rest.substring(0, dot));
                if (g < 0) throw bad(key, "does not name a group index");
                if (g >= groups.size())
                    throw bad(
                            key,
                            "names group " + g + ", but " + name + " has " + groups.size()
                                    + " parameter group(s); the state must have as many");
                String field = rest.substring(dot + 1);
                if (field.equals("params")) {
                    int first = firstIndex(g), n = groups.get(g).params().size();
                    if (t.numel() != n)
                        throw bad(
                                key,
                                "lists " + t.numel() + " parameters, but group " + g + " has " + n
                                        + "; the groups must have the same sizes");
                    for (int k = 0; k < n; k++)
                        if (t.data()[k] != first + k)
                            throw bad(
                                    key,
                                    "must list the indices " + first + ".." + (first + n - 1) + " in order, got "
                                            + Arrays.toString(t.data()));
                    sawParams[g] = true;
                } else if (field.equals("initial_lr")) {
                    initialLrs[g] = Setting.LR.check(name + ".loadStateDict: " + key, scalarValue(key, t))[0];
                } else {
                    Setting s = find(field);
                    if (s == null || !s.key().equals(field))
                        throw bad(
                                key,
                                "is not a setting of " + name + " (expected params, initial_lr, "
                                        + settings.stream().map(Setting::key).toList() + ")");
                    if (t.numel() != s.arity()) throw bad(key, "has " + t.numel() + " values, expected " + s.arity());
                    double[] v = new double[s.arity()];
                    for (int k = 0; k < v.length; k++) v[k] = t.data()[k];
                    values.get(g).put(s, s.check(name + ".loadStateDict: " + key, v));
                }
            } else if (key.startsWith("state.")) {
                String rest = key.substring("state.".length());
                int dot = rest.indexOf('.');
                int index = dot < 0 ? -1 : parseIndex(rest.substring(0, dot));
                if (index < 0 || index >= params.size())
                    throw bad(key, "does not name a parameter index in [0, " + params.size() + ")");
                String field = rest.substring(dot + 1);
                Tensor p = params.get(index);
                if (loaded[index] == null) loaded[index] = new ParamState(p.numel());
                if (field.equals("step")) {
                    double step = scalarValue(key, t);
                    if (step < 0 || step != Math.rint(step) || step > MAX_EXACT_STEP)
                        throw bad(key, "must be a whole number in [0, " + MAX_EXACT_STEP + "], got " + step);
                    loaded[index].setStep((int) step);
                } else if (buffers.contains(field)) {
                    if (!Arrays.equals(t.shape(), p.shape()))
                        throw bad(
                                key,
                                "has shape " + Arrays.toString(t.shape()) + " but parameter " + index + " has shape "
                                        + Arrays.toString(p.shape()));
                    loaded[index].put(field, t.data().clone());
                } else {
                    throw bad(
                            key,
                            "names buffer '" + field + "', which " + name + " does not have (it has " + buffers + ")");
                }
            } else {
                throw bad(key, "is not an optimizer state key (expected param_groups.<group>.* or state.<index>.*)");
            }
        }
        for (int g = 0; g < groups.size(); g++) {
            if (!sawParams[g])
                throw bad(
                        "param_groups." + g + ".params",
                        "is missing; the state must have " + groups.size() + " parameter group(s)");
            for (Setting s : settings)
                if (!values.get(g).containsKey(s)) throw bad("param_groups." + g + "." + s.key(), "is missing");
            ParamGroup probe = new ParamGroup(this, groups.get(g).params(), values.get(g), new HashSet<>());
            try {
                checkGroup(probe);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(name + ".loadStateDict: group " + g + ": " + ex.getMessage(), ex);
            }
        }
        for (int i = 0; i < loaded.length; i++)
            if (loaded[i] != null && !dict.containsKey("state." + i + ".step"))
                throw bad("state." + i + ".step", "is missing");
        for (int g = 0; g < groups.size(); g++) {
            groups.get(g).valuesView().putAll(values.get(g));
            groups.get(g).initialLr(initialLrs[g]);
        }
        for (int i = 0; i < loaded.length; i++) state.set(i, loaded[i]);
    }

    /** Keys {@code group.<key>} (one group, before parameter groups existed) as {@code param_groups.0.<key>}. */
    private Map<String, Tensor> legacyToGroups(Map<String, Tensor> dict) {
        if (dict.keySet().stream().noneMatch(k -> k.startsWith("group."))) return dict;
        if (groups.size() != 1)
            throw bad("group.*", "is a one-group state, but " + name + " has " + groups.size() + " parameter groups");
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : dict.entrySet())
            out.put(
                    e.getKey().startsWith("group.")
                            ? "param_groups.0." + e.getKey().substring("group.".length())
                            : e.getKey(),
                    e.getValue());
        float[] indices = new float[params.size()];
        for (int k = 0; k < indices.length; k++) indices[k] = k;
        out.putIfAbsent("param_groups.0.params", new Tensor(indices, indices.length));
        return out;
    }

    /** One more than the highest group index among the keys (0 if none). */
    private static int savedGroupCount(Map<String, Tensor> dict) {
        int count = 0;
        for (String key : dict.keySet()) {
            if (!key.startsWith("param_groups.")) continue;
            String rest = key.substring("param_groups.".length());
            int dot = rest.indexOf('.');
            int g = dot < 0 ? -1 : parseIndex(rest.substring(0, dot));
            if (g >= 0) count = Math.max(count, g + 1);
        }
        return count;
    }

    private int firstIndex(int group) {
        int first = 0;
        for (int g = 0; g < group; g++) first += groups.get(g).params().size();
        return first;
    }

    private IllegalArgumentException bad(String key, String problem) {
        return new IllegalArgumentException(name + ".loadStateDict: key '" + key + "' " + problem);
    }

    private double scalarValue(String key, Tensor t) {
        if (t.numel() != 1) throw bad(key, "must hold one value, has shape " + Arrays.toString(t.shape()));
        return t.data()[0];
    }

    /** A non-negative decimal index, or -1. */
    static int parseIndex(String s) {
        if (s.isEmpty() || s.length() > 9) return -1;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return -1;
        return Integer.parseInt(s);
    }

    /** {@code key=value} as printed: float32 values (0.9, not 0.8999999761581421), flags as true/false, pairs in parentheses. */
    static String format(Setting s, double[] v) {
        if (s.isFlag()) return s.key() + "=" + (v[0] == 1);
        List<String> values =
                Arrays.stream(v).mapToObj(d -> String.valueOf((float) d)).toList();
        return s.key() + "=" + (v.length == 1 ? values.get(0) : "(" + String.join(", ", values) + ")");
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<String> kv = new ArrayList<>();
            for (var e : groups.get(g).valuesView().entrySet()) kv.add(format(e.getKey(), e.getValue()));
            parts.add((groups.size() == 1 ? "" : "group " + g + ": ") + String.join(", ", kv));
        }
        return name + "(" + String.join("; ", parts) + ")";
    }
}
