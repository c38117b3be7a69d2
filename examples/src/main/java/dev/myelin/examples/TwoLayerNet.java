package dev.myelin.examples;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleRegistry;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

import java.util.List;

/**
 * A module of your own, as in PyTorch: sub-modules registered by name (so the state dict holds "fc1.weight", ...),
 * {@code forward} only. To save it with {@code ModelFile} and load it in another program it also declares a
 * {@link ModuleType}: its name in the model file, its settings (read from a module when saving, given to the
 * factory when loading) and the shapes of its weights (checked before a file's weights are read); a program registers
 * the type once with {@link #register()} before saving or loading.
 */
public final class TwoLayerNet extends Module {
    private static final Arg<TwoLayerNet, Integer> IN = Arg.positiveInt("in", TwoLayerNet::inFeatures);
    private static final Arg<TwoLayerNet, Integer> HIDDEN = Arg.positiveInt("hidden", TwoLayerNet::hiddenFeatures);
    private static final Arg<TwoLayerNet, Integer> OUT = Arg.positiveInt("out", TwoLayerNet::outFeatures);

    /** The type that ModelFile writes into the file ("TwoLayerNet") and rebuilds the module from. */
    public static final ModuleType<TwoLayerNet> TYPE = ModuleType.of(TwoLayerNet.class, List.of(IN, HIDDEN, OUT),
            (a, gen) -> new TwoLayerNet(a.get(IN), a.get(HIDDEN), a.get(OUT), gen),
            a -> new StateShapes()
                    .add("fc1.weight", a.get(HIDDEN), a.get(IN)).add("fc1.bias", a.get(HIDDEN))
                    .add("fc2.weight", a.get(OUT), a.get(HIDDEN)).add("fc2.bias", a.get(OUT)));

    private final Linear fc1, fc2;

    public TwoLayerNet(int in, int hidden, int out, Generator gen) {
        fc1 = registerModule("fc1", new Linear(in, hidden, gen));
        fc2 = registerModule("fc2", new Linear(hidden, out, gen));
    }

    /** Makes the type known to ModelFile (registering it again does nothing). */
    public static void register() {
        ModuleRegistry.register(TYPE);
    }

    @Override
    public Tensor forward(Tensor x) {
        return fc2.forward(fc1.forward(x).tanh());
    }

    public int inFeatures() {
        return fc1.inFeatures();
    }

    public int hiddenFeatures() {
        return fc1.outFeatures();
    }

    public int outFeatures() {
        return fc2.outFeatures();
    }
}
