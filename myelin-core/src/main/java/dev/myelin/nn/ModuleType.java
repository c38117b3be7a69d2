package dev.myelin.nn;

import dev.myelin.tensor.Generator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One module type as architecture JSON and model files know it: its JSON name (the class's simple name),
 * its class, its constructor arguments ({@link Arg}s, each declared once), how to build it from their values
 * and the shapes of its state dict computed from them. A module class declares its type next to its
 * constructor and {@link ModuleRegistry} lists it, e.g.
 * <pre>{@code
 * private static final Arg<Linear, Integer> IN = Arg.positiveInt("in", Linear::inFeatures);
 * private static final Arg<Linear, Integer> OUT = Arg.positiveInt("out", Linear::outFeatures);
 * private static final Arg<Linear, Boolean> BIAS = Arg.bool("bias", true, l -> l.bias() != null);
 * public static final ModuleType<Linear> TYPE = ModuleType.of(Linear.class, List.of(IN, OUT, BIAS),
 *         (a, gen) -> new Linear(a.get(IN), a.get(OUT), a.get(BIAS), gen),
 *         a -> stateShapes(a.get(IN), a.get(OUT), a.get(BIAS)));
 * }</pre>
 * A type without settings and without parameters or buffers is one line: {@code ModuleType.stateless(ReLU.class, ReLU::new)}.
 *
 * @param <M> the module class
 */
public final class ModuleType<M extends Module> {
    /**
     * Builds the module from its argument values; initialization (and Dropout) draw from {@code gen}.
     *
     * @param <M> the module class built
     */
    @FunctionalInterface
    public interface Factory<M extends Module> {
        /**
         * Builds a module, usually by calling its constructor with the values of its {@link Arg}s.
         *
         * @param args the validated argument values, read with {@link Args#get}
         * @param gen the generator for the module's initialization and, for stochastic modules, its runs
         * @return the new module
         */
        M build(Args args, Generator gen);
    }

    private final String name;
    private final Class<M> moduleClass;
    private final List<Arg<? super M, ?>> args;
    private final Factory<M> factory;
    private final Function<Args, StateShapes> stateShapes;

    private ModuleType(
            String name,
            Class<M> moduleClass,
            List<Arg<? super M, ?>> args,
            Factory<M> factory,
            Function<Args, StateShapes> stateShapes) {
        if (moduleClass == null || factory == null || stateShapes == null)
            throw new IllegalArgumentException("ModuleType: the class, factory and state shapes must not be null");
        Set<String> names = new HashSet<>();
        for (Arg<?, ?> a : args)
            if (!names.add(a.name()))
                throw new IllegalArgumentException(
                        "ModuleType " + name + ": argument '" + a.name() + "' is declared twice");
        this.name = name;
        this.moduleClass = moduleClass;
        this.args = List.copyOf(args);
        this.factory = factory;
        this.stateShapes = stateShapes;
    }

    /**
     * A type named after the class's simple name, with the given arguments, factory and state shapes.
     *
     * @param <M> the module class
     * @param moduleClass the module class; its simple name is the JSON {@code "type"}
     * @param args the constructor arguments, in the order JSON lists them; names must be distinct
     * @param factory builds the module from the argument values
     * @param stateShapes the state dict's names and shapes for given argument values (checked when loading a file)
     * @return the type, to be registered with {@link ModuleRegistry#register}
     * @throws IllegalArgumentException if a value is null or an argument name is declared twice
     */
    public static <M extends Module> ModuleType<M> of(
            Class<M> moduleClass,
            List<Arg<? super M, ?>> args,
            Factory<M> factory,
            Function<Args, StateShapes> stateShapes) {
        return new ModuleType<>(moduleClass.getSimpleName(), moduleClass, args, factory, stateShapes);
    }

    /**
     * A type without settings, parameters or buffers (most activations).
     *
     * @param <M> the module class
     * @param moduleClass the module class; its simple name is the JSON {@code "type"}
     * @param constructor makes a module, e.g. {@code ReLU::new}
     * @return the type, to be registered with {@link ModuleRegistry#register}
     */
    public static <M extends Module> ModuleType<M> stateless(Class<M> moduleClass, Supplier<M> constructor) {
        return of(moduleClass, List.of(), (a, gen) -> constructor.get(), a -> new StateShapes());
    }

    /** {@return the name in JSON's {@code "type"} field} */
    public String name() {
        return name;
    }

    /** {@return the module class this type builds} */
    public Class<M> moduleClass() {
        return moduleClass;
    }

    /** {@return the constructor arguments, in the order JSON lists them; unmodifiable} */
    public List<Arg<? super M, ?>> args() {
        return args;
    }

    M build(Args values, Generator gen) {
        return factory.build(values, gen);
    }

    StateShapes stateShapes(Args values) {
        return stateShapes.apply(values);
    }

    @Override
    public String toString() {
        return name;
    }
}
