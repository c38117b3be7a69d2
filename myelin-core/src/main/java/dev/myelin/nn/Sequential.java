package dev.myelin.nn;

import dev.myelin.tensor.Tensor;
import java.util.List;

/** Modules applied one after another, named "0", "1", ..., as {@code nn.Sequential}. */
public class Sequential extends Module {
    private static final Arg<Sequential, List<ModuleSpec>> LAYERS = Arg.modules("layers", Sequential::children);
    /** The registered module type: {@code {"type":"Sequential","layers":[...]}}, children named "0", "1", ... */
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

    /**
     * Chains the given modules, as {@code nn.Sequential(*modules)}.
     *
     * <pre>{@code
     * Sequential model = new Sequential(new Linear(784, 128, gen), new ReLU(), new Linear(128, 10, gen));
     * Tensor logits = model.forward(x); // x [N, 784] -> [N, 10]
     * }</pre>
     *
     * @param modules the modules in the order they run; named "0", "1", ...
     * @throws IllegalArgumentException if a module is null
     */
    public Sequential(Module... modules) {
        for (Module m : modules) add(m);
    }

    /**
     * Chains the given modules in list order.
     *
     * @param modules the modules in the order they run; named "0", "1", ...
     * @throws IllegalArgumentException if a module is null
     */
    public Sequential(List<? extends Module> modules) {
        for (Module m : modules) add(m);
    }

    /**
     * Appends a module, named by its position, as {@code nn.Sequential.append}.
     *
     * @param m the module to run after the ones already added
     * @return this
     * @throws IllegalArgumentException if m is null
     */
    public Sequential add(Module m) {
        registerModule(Integer.toString(size++), m);
        return this;
    }

    /**
     * {@return the module at {@code index}, as {@code model[index]}}
     *
     * @param index the position, from 0
     * @throws IndexOutOfBoundsException if index is out of range
     */
    public Module get(int index) {
        if (index < 0 || index >= size)
            throw new IndexOutOfBoundsException(
                    "Sequential: index " + index + " out of range for " + size + " modules");
        return namedChildren().get(Integer.toString(index));
    }

    /** {@return the number of modules, as {@code len(model)}} */
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
