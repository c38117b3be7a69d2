package dev.myelin.nn;

import dev.myelin.tensor.Tensor;

import java.util.List;

/** Modules applied one after another, named "0", "1", ..., as {@code nn.Sequential}. */
public class Sequential extends Module {
    private static final Arg<Sequential, List<ModuleSpec>> LAYERS = Arg.modules("layers", Sequential::children);
    /** {@code {"type":"Sequential","layers":[...]}}, children named "0", "1", ... */
    public static final ModuleType<Sequential> TYPE = ModuleType.of(Sequential.class, List.of(LAYERS),
            (a, gen) -> new Sequential(a.get(LAYERS).stream().map(s -> s.build(gen)).toList()), a -> {
                StateShapes s = new StateShapes();
                List<ModuleSpec> layers = a.get(LAYERS);
                for (int i = 0; i < layers.size(); i++) s.addAll(Integer.toString(i), layers.get(i).stateShapes());
                return s;
            });

    private int size;

    public Sequential(Module... modules) {
        for (Module m : modules) add(m);
    }

    public Sequential(List<? extends Module> modules) {
        for (Module m : modules) add(m);
    }

    /** Appends a module; returns this. */
    public Sequential add(Module m) {
        registerModule(Integer.toString(size++), m);
        return this;
    }

    public Module get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("Sequential: index " + index + " out of range for " + size + " modules");
        return namedChildren().get(Integer.toString(index));
    }

    public int size() {
        return size;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : children()) x = m.forward(x);
        return x;
    }
}
