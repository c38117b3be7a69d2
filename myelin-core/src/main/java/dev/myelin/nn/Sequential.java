package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** Modules applied one after another, named "0", "1", ..., as {@code nn.Sequential}. */
public class Sequential extends Module {
    private static final Arg<Sequential, List<ModuleSpec>> LAYERS = Arg.modules("layers", Sequential::children);
    /** {@code {"type":"Sequential","layers":[...]}}, children named "0", "1", ... */
    public static final ModuleType<Sequential> TYPE = ModuleType.of(
            Sequential.class,
            List.of(LAYERS),
            (a, gen) ->
                    new Sequential(a.get(LAYERS).stream().map(s -> s.build(gen)).toList()),
            a -> {
                StateShapes s = new StateShapes();
                List<ModuleSpec> layers = a.get(LAYERS);
                for (int i = 0; i < layers.size(); i++)
                    s.addAll(Integer.toString(i), layers.get(i).stateShapes());
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
        if (index < 0 || index >= size)
            throw new IndexOutOfBoundsException(
                    "Sequential: index " + index + " out of range for " + size + " modules");
        return namedChildren().get(Integer.toString(index));
    }

    public int size() {
        return size;
    }

    /**
     * Runs the modules in order. A {@link ReLU} directly followed by a {@link MaxPooling} module (without indices) runs
     * as the pool, then the ReLU, on a quarter of the elements for 2×2 windows: the same values and gradients,
     * since the maximum commutes with the monotone ReLU, the first maximum of the ReLU's outputs is the first
     * maximum of its inputs wherever that is positive, and where it is not both orders give a zero gradient.
     */
    @Override
    public Tensor forward(Tensor input) {
        List<Module> mods = children();
        Tensor x = input;
        for (int i = 0; i < mods.size(); i++) {
            Module m = mods.get(i);
            if (i + 1 < mods.size() && reluBeforeMaxPool(m, mods.get(i + 1))) {
                x = m.forward(mods.get(i + 1).forward(x));
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }

    private static boolean reluBeforeMaxPool(Module m, Module next) {
        return m.getClass() == ReLU.class && next instanceof MaxPooling pool && pool.poolsOnly();
    }
}
