package dev.myelin.nn.attention;

import dev.myelin.nn.Module;
import java.util.List;

/** The numbered layers of an encoder or decoder stack ({@code layers.0}, {@code layers.1}, ...), as PyTorch's ModuleList. */
final class LayerList<L extends Module> extends Module {
    private final List<L> layers;

    LayerList(List<L> layers) {
        this.layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) registerModule(Integer.toString(i), layers.get(i));
    }

    L get(int i) {
        return layers.get(i);
    }

    int size() {
        return layers.size();
    }

    List<L> asList() {
        return layers;
    }

    @Override
    public String typeName() {
        return "ModuleList";
    }
}
