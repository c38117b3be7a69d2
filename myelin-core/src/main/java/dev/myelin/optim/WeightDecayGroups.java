package dev.myelin.optim;

import dev.myelin.nn.Embedding;
import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a model's parameters into a group with weight decay and one without, as minGPT's
 * {@code configure_optimizers}: the weight matrices (and kernels) of linear, convolutional, recurrent and
 * attention layers decay; biases, the weights of normalization layers and embeddings (tokens and learned
 * positions) do not, since shrinking them towards zero only fights the layer's job.
 * <pre>{@code
 * var opt = new AdamW(WeightDecayGroups.of(model, 0.1), 3e-4);
 * }</pre>
 * The rule, per parameter, from the module that owns it: no decay when that module is a normalization layer (its
 * type name contains "Norm"), an {@link Embedding} or a positional encoding or embedding (type name contains
 * "Positional" or "Embedding"); otherwise decay when the parameter has two or more dims (a bias or a per-feature
 * scale has one). A parameter shared by several modules is placed once, by its first owner.
 */
public final class WeightDecayGroups {
    private WeightDecayGroups() {}

    /**
     * Two group requests over all of {@code model}'s parameters: [decay (weightDecay), no decay (0)]; a group
     * that would be empty is left out.
     *
     * @param model       the model whose parameters ({@link Module#namedModules()} order) to split
     * @param weightDecay the decay of the first group, finite and {@code >= 0}
     * @return the group requests, to pass to an optimizer's constructor
     * @throws IllegalArgumentException if {@code model} is null or {@code weightDecay} is out of range
     */
    public static List<ParamGroup> of(Module model, double weightDecay) {
        if (model == null) throw new IllegalArgumentException("WeightDecayGroups.of: model is null");
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay))
            throw new IllegalArgumentException(
                    "WeightDecayGroups.of: weightDecay must be a finite number >= 0, got " + weightDecay);
        List<Parameter> decay = new ArrayList<>(), noDecay = new ArrayList<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> m : model.namedModules().entrySet()) {
            Module owner = m.getValue();
            boolean exempt = exemptModule(owner);
            for (Parameter p : ownParameters(owner)) {
                if (!seen.add(p)) continue;
                (exempt || p.shape().length < 2 ? noDecay : decay).add(p);
            }
        }
        List<ParamGroup> groups = new ArrayList<>();
        if (!decay.isEmpty()) groups.add(ParamGroup.of(decay).set("weightDecay", weightDecay));
        if (!noDecay.isEmpty()) groups.add(ParamGroup.of(noDecay).set("weightDecay", 0));
        return groups;
    }

    /** Whether a module's parameters never decay: normalization layers, embeddings, positional encodings. */
    static boolean exemptModule(Module m) {
        String type = m.typeName();
        return m instanceof Embedding
                || type.contains("Norm")
                || type.contains("Positional")
                || type.contains("Embedding");
    }

    /** The module's own parameters (not its submodules'), in registration order. */
    private static List<Parameter> ownParameters(Module m) {
        List<Parameter> own = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet())
            if (!e.getKey().contains(".")) own.add(e.getValue());
        return own;
    }
}
