package dev.myelin.cli;

import dev.myelin.autograd.NoGrad;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.plot.FeatureMap;
import dev.myelin.plot.Plots;
import dev.myelin.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pictures of a convolutional model's run: {@code filters.png} (the first convolution's kernels) and
 * {@code feature-maps.png} (each convolution's output for one test example). A convolution is any module with a
 * 4-D {@code weight} ([out, in, kh, kw], PyTorch's layout) whose output is [N, C, H, W], so these work for any
 * registered conv type; the activations are collected by running a Sequential's layers one by one.
 */
final class ConvPictures {
    private ConvPictures() {}

    static boolean applies(Module model) {
        return model.namedModules().values().stream().anyMatch(ConvPictures::isConv);
    }

    /**
     * Writes both pictures; {@code example} is one input row [1, F] with its caption. A model that is not a chain
     * of Sequentials (a GraphModule) gets filters.png only, as its layers cannot be run one by one from here.
     */
    static void write(Path dir, Module model, Tensor example, String caption) {
        Map<Module, String> names = new IdentityHashMap<>();
        model.namedModules().forEach((name, m) -> names.put(m, name.isEmpty() ? m.typeName() : name));
        Module first = model.namedModules().values().stream()
                .filter(ConvPictures::isConv)
                .findFirst()
                .orElseThrow();
        Tensor w = first.parameter("weight");
        Plots.filters(
                w.toArray(),
                w.size(0),
                w.size(1),
                w.size(2),
                w.size(3),
                "first convolution: layer " + names.get(first) + " (" + first.typeName() + ")",
                dir.resolve("filters.png"));
        List<Module> chain = new ArrayList<>();
        if (!flatten(model, chain)) return;
        List<FeatureMap> maps = activations(chain, names, example);
        if (!maps.isEmpty()) Plots.featureMaps(maps, "feature maps of " + caption, dir.resolve("feature-maps.png"));
    }

    /** The input of the first convolution, then each convolution's output, for one example. */
    static List<FeatureMap> activations(List<Module> chain, Map<Module, String> names, Tensor example) {
        List<FeatureMap> maps = new ArrayList<>();
        boolean wasTraining = chain.stream().anyMatch(Module::isTraining);
        chain.forEach(Module::eval);
        try (var ignored = NoGrad.enter()) {
            Tensor x = example;
            for (Module layer : chain) {
                if (isConv(layer) && maps.isEmpty() && x.dim() == 4) maps.add(map("input", x));
                x = layer.forward(x);
                if (isConv(layer) && x.dim() == 4)
                    maps.add(map("layer " + names.get(layer) + " (" + layer.typeName() + ")", x));
            }
        } finally {
            chain.forEach(m -> m.train(wasTraining));
        }
        return maps;
    }

    /** The leaves of nested Sequentials in order; false if some module with children is not a Sequential. */
    static boolean flatten(Module m, List<Module> out) {
        if (m instanceof Sequential s) {
            for (int i = 0; i < s.size(); i++) if (!flatten(s.get(i), out)) return false;
            return true;
        }
        if (!m.children().isEmpty()) return false;
        out.add(m);
        return true;
    }

    private static boolean isConv(Module m) {
        return m.hasParameter("weight") && m.parameter("weight").dim() == 4;
    }

    private static FeatureMap map(String name, Tensor x) {
        return new FeatureMap(name, x.select(0, 0).toArray(), x.size(1), x.size(2), x.size(3));
    }
}
