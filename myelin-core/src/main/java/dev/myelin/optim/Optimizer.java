package dev.myelin.optim;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Base of the optimizers: holds the parameters (leaf tensors), one learning rate, and per-parameter
 * {@link ParamState}. {@link #step()} runs {@link #update} for every parameter that has a gradient, under
 * {@link NoGrad}, writing into {@code p.data()}; parameters whose gradient is null are skipped, as in PyTorch.
 *
 * <p>Hyperparameters are kept at float32 precision (the precision of the tensors they scale), so that
 * {@link #stateDict()} → {@link #loadStateDict} round-trips exactly and training continues bit-identically.
 *
 * <p>State dict keys: {@code state.<paramIndex>.step}, {@code state.<paramIndex>.<buffer>} (e.g.
 * {@code state.0.exp_avg}) and {@code group.<hyperparameter>} (e.g. {@code group.lr}, {@code group.betas}).
 */
public abstract class Optimizer {
    private static final int MAX_EXACT_STEP = 1 << 24; // steps are saved as float32

    private final String name;
    private final List<Tensor> params;
    private ParamState[] state;
    private double lr;

    protected Optimizer(String name, List<? extends Tensor> params, double lr) {
        this.name = name;
        if (params == null || params.isEmpty())
            throw new IllegalArgumentException(name + ": params is empty; pass the tensors to optimize (e.g. model.parameters())");
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) throw new IllegalArgumentException(name + ": params[" + i + "] is null");
            if (!p.isLeaf()) throw new IllegalArgumentException(name + ": params[" + i + "] is not a leaf tensor (it was computed by "
                    + p.gradFn() + "); optimize the leaf it was computed from");
            if (!seen.add(p)) throw new IllegalArgumentException(name + ": params[" + i + "] appears more than once; each parameter must be listed once");
        }
        this.params = List.copyOf(params);
        this.state = new ParamState[params.size()];
        this.lr = checkedLr(lr);
    }

    /** The parameters, in the order their state is indexed. */
    public List<Tensor> params() {
        return params;
    }

    public double learningRate() {
        return lr;
    }

    /** Sets the learning rate (schedulers call this); must be finite and >= 0. */
    public final void setLearningRate(double lr) {
        this.lr = checkedLr(lr);
    }

    private double checkedLr(double lr) {
        return (float) Hyper.nonNegative(name, "lr", lr);
    }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        checkHyperparameters();
        try (var ignored = NoGrad.enter()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor g = p.grad();
                if (g == null) continue;
                if (state[i] == null) state[i] = new ParamState(p.numel());
                ParamState s = state[i];
                s.setStep(s.step() + 1);
                update(p.data(), g.contiguous().data(), s);
                p.bumpVersion(); // saved copies of p in an old graph are now stale
            }
        }
    }

    /** Clears every parameter's gradient (sets it to null, as PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        for (Tensor p : params) p.zeroGrad();
    }

    /** The state of parameter {@code index}, or null before its first update. */
    public ParamState state(int index) {
        return state[index];
    }

    /**
     * Updates one parameter in place. {@code s.step()} has already been incremented (it is 1 on the first
     * update). {@code grad} must not be modified: it is the caller's gradient.
     */
    protected abstract void update(float[] param, float[] grad, ParamState s);

    /** Names of the per-parameter buffers this optimizer may create (used to validate loaded state). */
    protected abstract Set<String> bufferNames();

    /** Hyperparameters other than lr, by PyTorch name; booleans as 0/1, pairs (betas) as two values. */
    protected abstract Map<String, double[]> hyperparameters();

    /** Sets hyperparameters from a map of the shape {@link #hyperparameters()} returns; validates each. */
    protected abstract void setHyperparameters(Map<String, double[]> values);

    /** Checks combinations that setters cannot check one at a time (e.g. nesterov needs momentum). */
    protected void checkHyperparameters() {}

    /** The optimizer's name in messages. */
    protected final String name() {
        return name;
    }

    // ---------------------------------------------------------------- state dict

    /** A copy of the state: per-parameter step counts and buffers, plus the hyperparameters. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            ParamState s = state[i];
            if (s == null) continue;
            int[] shape = params.get(i).shape();
            out.put("state." + i + ".step", Tensor.scalar(s.step()));
            for (var e : s.buffers().entrySet()) out.put("state." + i + "." + e.getKey(), new Tensor(e.getValue().clone(), shape));
        }
        out.put("group.lr", Tensor.scalar((float) lr));
        for (var e : hyperparameters().entrySet()) {
            double[] v = e.getValue();
            float[] f = new float[v.length];
            for (int k = 0; k < v.length; k++) f[k] = (float) v[k];
            out.put("group." + e.getKey(), v.length == 1 ? new Tensor(f) : new Tensor(f, v.length));
        }
        return out;
    }

    /**
     * Replaces the state with {@code dict} (as saved by {@link #stateDict()} of an optimizer of the same
     * type over parameters of the same shapes). Everything is validated first; on any error nothing changes.
     */
    public void loadStateDict(Map<String, Tensor> dict) {
        Map<String, double[]> current = hyperparameters();
        Set<String> buffers = bufferNames();
        ParamState[] loaded = new ParamState[params.size()];
        Map<String, double[]> hyper = new LinkedHashMap<>();
        double newLr = Double.NaN;
        for (var e : dict.entrySet()) {
            String key = e.getKey();
            Tensor t = e.getValue();
            if (t == null) throw bad(key, "is null");
            if (key.startsWith("group.")) {
                String h = key.substring("group.".length());
                if (h.equals("lr")) {
                    newLr = scalarValue(key, t);
                    continue;
                }
                double[] now = current.get(h);
                if (now == null) throw bad(key, "is not a hyperparameter of " + name + " (expected " + current.keySet() + " and lr)");
                if (t.numel() != now.length) throw bad(key, "has " + t.numel() + " values, expected " + now.length);
                double[] v = new double[now.length];
                for (int k = 0; k < v.length; k++) v[k] = t.data()[k];
                hyper.put(h, v);
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
                        throw bad(key, "has shape " + Arrays.toString(t.shape()) + " but parameter " + index + " has shape " + Arrays.toString(p.shape()));
                    loaded[index].put(field, t.data().clone());
                } else {
                    throw bad(key, "names buffer '" + field + "', which " + name + " does not have (it has " + buffers + ")");
                }
            } else {
                throw bad(key, "is not an optimizer state key (expected group.* or state.<index>.*)");
            }
        }
        if (Double.isNaN(newLr)) throw bad("group.lr", "is missing");
        for (String h : current.keySet()) if (!hyper.containsKey(h)) throw bad("group." + h, "is missing");
        for (int i = 0; i < loaded.length; i++)
            if (loaded[i] != null && !dict.containsKey("state." + i + ".step")) throw bad("state." + i + ".step", "is missing");
        // Apply; setters validate, so restore the old values if one rejects.
        double oldLr = lr;
        try {
            setLearningRate(newLr);
            setHyperparameters(hyper);
            checkHyperparameters();
        } catch (IllegalArgumentException ex) {
            lr = oldLr;
            setHyperparameters(current);
            throw new IllegalArgumentException(name + ".loadStateDict: " + ex.getMessage(), ex);
        }
        this.state = loaded;
    }

    private IllegalArgumentException bad(String key, String problem) {
        return new IllegalArgumentException(name + ".loadStateDict: key '" + key + "' " + problem);
    }

    private double scalarValue(String key, Tensor t) {
        if (t.numel() != 1) throw bad(key, "must hold one value, has shape " + Arrays.toString(t.shape()));
        return t.data()[0];
    }

    private static int parseIndex(String s) {
        if (s.isEmpty() || s.length() > 9) return -1;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return -1;
        return Integer.parseInt(s);
    }

    /** Helper for subclasses: a single-value hyperparameter entry. */
    protected static double[] value(double v) {
        return new double[] {v};
    }

    /** Helper for subclasses: a boolean hyperparameter entry (0 or 1). */
    protected static double[] flag(boolean b) {
        return new double[] {b ? 1 : 0};
    }

    /** Reads a boolean saved by {@link #flag}; anything but 0 or 1 is rejected. */
    protected final boolean flagValue(String hyperparameter, double[] v) {
        if (v[0] != 0 && v[0] != 1) throw new IllegalArgumentException(name + ": " + hyperparameter + " must be 0 or 1, got " + v[0]);
        return v[0] == 1;
    }

    /** Hyperparameters round to float32, the precision they are applied at (see the class comment). */
    protected static double f32(double v) {
        return (float) v;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("lr=" + (float) lr);
        for (var e : hyperparameters().entrySet()) {
            double[] v = e.getValue();
            // values are stored as float32, so print them as floats (0.9, not 0.8999999761581421)
            List<String> values = Arrays.stream(v).mapToObj(d -> String.valueOf((float) d)).toList();
            parts.add(e.getKey() + "=" + (v.length == 1 ? values.get(0) : "(" + String.join(", ", values) + ")"));
        }
        return name + "(" + String.join(", ", parts) + ")";
    }
}
