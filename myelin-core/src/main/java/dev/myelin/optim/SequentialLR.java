package dev.myelin.optim;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs schedulers one after another, switching at the milestone epochs, as PyTorch's SequentialLR: scheduler
 * {@code k} drives the rates from milestone {@code k−1}, restarting from the base rates there.
 * <pre>{@code
 * var warmup = new LinearLR(opt, 0.1, 1.0, 5);
 * var cosine = new CosineAnnealingLR(opt, 45);
 * var schedule = new SequentialLR(opt, List.of(warmup, cosine), new int[] {5});
 * }</pre>
 * On construction the groups' rates go back to their initial rates and only the first scheduler takes its
 * initial step. State dict: {@code last_epoch}, {@code base_lrs}, {@code last_lr}, and each scheduler's under
 * {@code schedulers.<k>.}.
 */
public final class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private final int[] milestones;

    /**
     * Chains schedulers built on the same optimizer; their construction steps are undone and the first one takes
     * the initial step.
     *
     * @param optimizer  the optimizer all the schedulers were built on
     * @param schedulers the schedulers in the order they run (not {@link ReduceLROnPlateau}, which needs a metric)
     * @param milestones strictly increasing epochs {@code >= 1}, one fewer than the schedulers
     * @throws IllegalArgumentException if the list is empty or has a null, a scheduler of another optimizer or a
     *     ReduceLROnPlateau, or the milestones are not as above
     */
    public SequentialLR(Optimizer optimizer, List<? extends LRScheduler> schedulers, int[] milestones) {
        super("SequentialLR", optimizer);
        if (schedulers == null || schedulers.isEmpty())
            throw new IllegalArgumentException("SequentialLR: schedulers is empty");
        for (int i = 0; i < schedulers.size(); i++) {
            LRScheduler s = schedulers.get(i);
            if (s == null) throw new IllegalArgumentException("SequentialLR: schedulers[" + i + "] is null");
            if (s.optimizer != optimizer)
                throw new IllegalArgumentException("SequentialLR: schedulers[" + i
                        + "] belongs to another optimizer; all must belong to the optimizer passed in");
            if (s instanceof ReduceLROnPlateau)
                throw new IllegalArgumentException("SequentialLR: schedulers[" + i
                        + "] is a ReduceLROnPlateau, which needs a metric; it cannot be sequenced");
        }
        if (milestones == null || milestones.length != schedulers.size() - 1)
            throw new IllegalArgumentException("SequentialLR: expected " + (schedulers.size() - 1)
                    + " milestones (one fewer than the schedulers), got "
                    + (milestones == null ? "null" : milestones.length));
        for (int i = 0; i < milestones.length; i++)
            if (milestones[i] < 1 || (i > 0 && milestones[i] <= milestones[i - 1]))
                throw new IllegalArgumentException(
                        "SequentialLR: milestones must be strictly increasing epochs >= 1, got "
                                + Arrays.toString(milestones));
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.clone();
        lastEpoch(0);
        List<ParamGroup> groups = groups();
        double[] initial = new double[groups.size()];
        for (int i = 0; i < initial.length; i++) initial[i] = groups.get(i).initialLr();
        setLrs(initial);
        for (LRScheduler s : this.schedulers) s.lastEpoch(s.lastEpoch() - 1); // undo their initial steps
        this.schedulers.get(0).initialStep();
        setLrs(currentRates());
    }

    @Override
    public void step() {
        lastEpoch(lastEpoch() + 1);
        int k = 0;
        while (k < milestones.length && milestones[k] <= lastEpoch()) k++; // bisect_right
        LRScheduler s = schedulers.get(k);
        if (k > 0 && milestones[k - 1] == lastEpoch()) s.restart();
        else s.step();
        setLrs(currentRates());
    }

    private double[] currentRates() {
        return groups().stream().mapToDouble(ParamGroup::lr).toArray();
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = super.stateDict();
        for (int k = 0; k < schedulers.size(); k++) {
            String prefix = "schedulers." + k + ".";
            schedulers.get(k).stateDict().forEach((key, t) -> out.put(prefix + key, t));
        }
        return out;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> dict) {
        Map<String, Tensor> own = new LinkedHashMap<>();
        List<Map<String, Tensor>> parts = schedulers.stream()
                .map(s -> (Map<String, Tensor>) new LinkedHashMap<String, Tensor>())
                .toList();
        for (var e : dict.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("schedulers.")) {
                String rest = key.substring("schedulers.".length());
                int dot = rest.indexOf('.');
                int k = dot < 0 ? -1 : Optimizer.parseIndex(rest.substring(0, dot));
                if (k < 0 || k >= schedulers.size())
                    throw new IllegalArgumentException("SequentialLR.loadStateDict: key '" + key
                            + "' does not name a scheduler in [0, " + schedulers.size() + ")");
                parts.get(k).put(rest.substring(dot + 1), e.getValue());
            } else {
                own.put(key, e.getValue());
            }
        }
        // validate everything on copies first so that a bad entry changes nothing
        Map<String, Tensor> before = stateDict();
        try {
            super.loadStateDict(own);
            for (int k = 0; k < schedulers.size(); k++) schedulers.get(k).loadStateDict(parts.get(k));
        } catch (IllegalArgumentException ex) {
            super.loadStateDict(withoutSchedulers(before));
            for (int k = 0; k < schedulers.size(); k++) schedulers.get(k).loadStateDict(part(before, k));
            throw ex;
        }
    }

    private static Map<String, Tensor> withoutSchedulers(Map<String, Tensor> dict) {
        Map<String, Tensor> out = new LinkedHashMap<>(dict);
        out.keySet().removeIf(k -> k.startsWith("schedulers."));
        return out;
    }

    private static Map<String, Tensor> part(Map<String, Tensor> dict, int k) {
        String prefix = "schedulers." + k + ".";
        Map<String, Tensor> out = new LinkedHashMap<>();
        dict.forEach((key, t) -> {
            if (key.startsWith(prefix)) out.put(key.substring(prefix.length()), t);
        });
        return out;
    }
}
