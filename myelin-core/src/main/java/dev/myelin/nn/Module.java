package dev.myelin.nn;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Base class of all layers and models, like {@code torch.nn.Module}. A subclass registers its
 * parameters, buffers (non-learnable state such as BatchNorm's running statistics) and submodules by
 * name in its constructor and implements a forward. Everything else — parameter lists with
 * PyTorch's dotted names ({@code model.0.weight}), train/eval mode, state dicts, printing — is derived
 * from that registration.
 *
 * <h2>Forward: one tensor, or several</h2>
 * The base class fixes no forward arity. There are two kinds of modules:
 * <ul>
 *   <li><b>One tensor in, one tensor out</b> (Linear, activations, MLP, {@link Sequential}, most models):
 *       override {@link #forward(Tensor)}. {@code Sequential} chains these.</li>
 *   <li><b>Several inputs or several outputs</b> (attention's {@code (q, k, v, mask)}, a recurrent layer's
 *       {@code (output, h, c)}, an encoder-decoder): declare typed forwards, e.g.
 *       {@code Tensor forward(Tensor x1, Tensor x2)} or {@code AttentionOutput forward(Tensor q, Tensor k, Tensor v, Tensor mask)}
 *       returning a record of tensors, and override {@link #call(Tensor...)} to dispatch to them
 *       ({@code return Outputs.of(forward(inputs[0], inputs[1]))}). Java cannot overload on the return type
 *       alone, so a module with one input and several outputs names its typed method differently
 *       ({@code encode(x)}) or gives it an optional argument ({@code forward(input, state)}).</li>
 * </ul>
 * {@link #call(Tensor...)} is the generic entry point, like calling a PyTorch module as {@code model(*inputs)}:
 * it takes any number of tensors and returns {@link Outputs}, so containers ({@link GraphModule}), model files
 * and the CLI can run a module without knowing its type. {@link #forward(Tensor)} works on every module whose
 * {@code call} takes one tensor and returns one tensor; on other modules it fails with a message naming the
 * module's inputs or outputs.
 *
 * <p>A module type that should be saved in architecture JSON and model files is registered once in
 * {@link ModuleRegistry} with a {@link ModuleType}.
 *
 * <h2>Example</h2>
 * A custom module registers its layers in the constructor and composes them in its forward; its parameters are
 * then {@code fc1.weight}, {@code fc1.bias}, {@code fc2.weight}, {@code fc2.bias}, as in the PyTorch class:
 * <pre>{@code
 * class TwoLayer extends Module {
 *     private final Linear fc1, fc2;
 *
 *     TwoLayer(Generator gen) {
 *         fc1 = registerModule("fc1", new Linear(784, 128, gen));
 *         fc2 = registerModule("fc2", new Linear(128, 10, gen));
 *     }
 *
 *     @Override
 *     public Tensor forward(Tensor x) { // [N, 784] -> [N, 10]
 *         return fc2.forward(F.relu(fc1.forward(x)));
 *     }
 * }
 * }</pre>
 */
public abstract class Module {
    private final LinkedHashMap<String, Parameter> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Which module classes override {@link #forward(Tensor)} (computed once per class). */
    private static final ClassValue<Boolean> OVERRIDES_FORWARD = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("forward", Tensor.class).getDeclaringClass() != Module.class;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("Module.forward(Tensor) not found on " + type, e);
            }
        }
    };

    /** Creates a module with no parameters, buffers or submodules, in training mode; subclasses register theirs. */
    public Module() {}

    /**
     * The output for one input tensor, as {@code forward(x)} in PyTorch. One-tensor modules override this.
     * The base implementation serves modules that override {@link #call(Tensor...)} instead: it calls them with
     * one input and requires exactly one output.
     *
     * @param input the input tensor
     * @return the output tensor
     * @throws IllegalArgumentException if the module returns more than one output (use {@link #call(Tensor...)})
     */
    public Tensor forward(Tensor input) {
        Outputs out = call(input);
        if (out.size() != 1)
            throw new IllegalArgumentException(typeName() + " returns " + out.size() + " outputs " + out.names()
                    + "; use its typed forward or call(...).get(name) instead of forward(Tensor)");
        return out.get(0);
    }

    /**
     * The generic forward, as calling a PyTorch module with {@code model(*inputs)}: any number of input
     * tensors, the outputs as {@link Outputs}. The base implementation serves one-tensor modules: it requires
     * one input and returns {@link #forward(Tensor)}'s result as the single output {@code "output"}. Modules with
     * several inputs or outputs override it to dispatch to their typed forwards.
     *
     * @param inputs the input tensors, in the module's order
     * @return the outputs by name ({@code "output"} for a one-tensor module)
     * @throws IllegalArgumentException if the number of inputs is wrong for the module
     */
    public Outputs call(Tensor... inputs) {
        if (!OVERRIDES_FORWARD.get(getClass()))
            throw new IllegalStateException(getClass().getName()
                    + " overrides neither forward(Tensor) nor call(Tensor...); a module must implement one");
        checkInputs(inputs, 1, "input");
        return Outputs.of(forward(inputs[0]));
    }

    /**
     * Checks the inputs given to {@link #call(Tensor...)}: between {@code required} and {@code names.length}
     * tensors, the required ones non-null. The message names the module and its inputs, e.g.
     * {@code "Bilinear takes 2 inputs (input1, input2), got 1"}.
     *
     * @param inputs the tensors given to {@code call}
     * @param required how many leading inputs must be present and non-null
     * @param names the names of all inputs, required ones first
     * @throws IllegalArgumentException if the count is out of range or a required input is null
     */
    protected final void checkInputs(Tensor[] inputs, int required, String... names) {
        int n = inputs == null ? 0 : inputs.length;
        if (n < required || n > names.length) {
            String count = required == names.length ? Integer.toString(required) : required + " to " + names.length;
            throw new IllegalArgumentException(typeName() + " takes " + count + " input"
                    + (names.length == 1 ? "" : "s") + " (" + String.join(", ", names) + "), got " + n);
        }
        for (int i = 0; i < required; i++)
            if (inputs[i] == null) throw new IllegalArgumentException(typeName() + ": input " + names[i] + " is null");
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers (or replaces) a parameter under {@code name}, as assigning an {@code nn.Parameter} attribute
     * in PyTorch; it then appears in {@link #parameters()} and the state dict.
     *
     * @param name the parameter's name, non-empty and without '.'
     * @param p the parameter
     * @return {@code p}
     * @throws IllegalArgumentException if the name is invalid, p is null, or the name is a buffer or submodule
     */
    protected Parameter registerParameter(String name, Parameter p) {
        checkName(name);
        if (p == null) throw new IllegalArgumentException("registerParameter: parameter '" + name + "' is null");
        if (buffers.containsKey(name) || children.containsKey(name))
            throw new IllegalArgumentException(
                    "registerParameter: '" + name + "' is already a buffer or submodule of " + typeName());
        parameters.put(name, p);
        return p;
    }

    /**
     * Registers (or replaces) a submodule under {@code name}, as assigning a module attribute in PyTorch; its
     * parameters then appear under {@code name.}.
     *
     * @param <M> the submodule's type
     * @param name the submodule's name, non-empty and without '.'
     * @param m the submodule
     * @return {@code m}
     * @throws IllegalArgumentException if the name is invalid, m is null, or the name is a parameter or buffer
     */
    protected <M extends Module> M registerModule(String name, M m) {
        checkName(name);
        if (m == null) throw new IllegalArgumentException("registerModule: module '" + name + "' is null");
        if (parameters.containsKey(name) || buffers.containsKey(name))
            throw new IllegalArgumentException(
                    "registerModule: '" + name + "' is already a parameter or buffer of " + typeName());
        children.put(name, m);
        return m;
    }

    /**
     * Registers (or replaces) a buffer: state saved in the state dict but not trained (e.g. running statistics),
     * as {@code register_buffer}.
     *
     * @param name the buffer's name, non-empty and without '.'
     * @param t the buffer's tensor
     * @return {@code t}
     * @throws IllegalArgumentException if the name is invalid, t is null, or the name is a parameter or submodule
     */
    protected Tensor registerBuffer(String name, Tensor t) {
        checkName(name);
        if (t == null) throw new IllegalArgumentException("registerBuffer: buffer '" + name + "' is null");
        if (parameters.containsKey(name) || children.containsKey(name))
            throw new IllegalArgumentException(
                    "registerBuffer: '" + name + "' is already a parameter or submodule of " + typeName());
        buffers.put(name, t);
        return t;
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("."))
            throw new IllegalArgumentException(
                    "a parameter, buffer or module name must be non-empty and contain no '.', got '" + name + "'");
    }

    /**
     * This module's own parameter called {@code name} (not a submodule's: no dotted names).
     *
     * @param name the parameter's name, e.g. {@code "weight"}
     * @return the parameter
     * @throws IllegalArgumentException if there is no such parameter, listing the ones there are
     */
    public Parameter parameter(String name) {
        Parameter p = parameters.get(name);
        if (p == null)
            throw new IllegalArgumentException(
                    typeName() + " has no parameter '" + name + "'; it has " + parameters.keySet());
        return p;
    }

    /**
     * {@return whether this module itself (not a submodule) has a parameter called {@code name}}
     *
     * @param name the parameter's name, e.g. {@code "bias"}
     */
    public boolean hasParameter(String name) {
        return parameters.containsKey(name);
    }

    /**
     * Replaces this module's parameter {@code name} by {@code p}, e.g. to share one weight between two
     * layers (as {@code b.weight = a.weight} in PyTorch). The shapes must agree.
     *
     * @param name the name of an existing parameter of this module
     * @param p the new parameter, of the same shape
     * @throws IllegalArgumentException if there is no such parameter or the shapes differ (both shapes named)
     */
    public void setParameter(String name, Parameter p) {
        Parameter old = parameter(name);
        if (!Arrays.equals(old.shape(), p.shape()))
            throw new IllegalArgumentException("setParameter: '" + name + "' of " + typeName() + " has shape "
                    + Shapes.str(old.shape()) + ", the new parameter has shape " + Shapes.str(p.shape()));
        parameters.put(name, p);
    }

    /**
     * This module's own buffer called {@code name} (not a submodule's: no dotted names).
     *
     * @param name the buffer's name, e.g. {@code "running_mean"}
     * @return the buffer's live tensor
     * @throws IllegalArgumentException if there is no such buffer, listing the ones there are
     */
    public Tensor buffer(String name) {
        Tensor b = buffers.get(name);
        if (b == null)
            throw new IllegalArgumentException(
                    typeName() + " has no buffer '" + name + "'; it has " + buffers.keySet());
        return b;
    }

    // ---------------------------------------------------------------- traversal

    /** {@return the direct submodules by name, in registration order, as {@code named_children()}; unmodifiable} */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** {@return the direct submodules in registration order, as {@code children()}; a copy} */
    public List<Module> children() {
        return List.copyOf(children.values());
    }

    /**
     * {@return this module and all submodules, pre-order, with dotted names ("" for this module)} Each module
     * appears once, as {@code named_modules()}.
     */
    public LinkedHashMap<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collectModules(String prefix, Module m, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(m)) return;
        out.put(prefix, m);
        for (var e : m.children.entrySet())
            collectModules(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out, seen);
    }

    /**
     * All parameters with dotted names, in registration order. A parameter registered twice (weight
     * sharing) appears once, under its first name, as {@code named_parameters()} does.
     *
     * @return the parameters by dotted name, e.g. {@code "0.weight"}; a new map
     */
    public LinkedHashMap<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (var m : namedModules().entrySet())
            for (var p : m.getValue().parameters.entrySet())
                if (seen.add(p.getValue())) out.put(qualified(m.getKey(), p.getKey()), p.getValue());
        return out;
    }

    /** {@return all distinct parameters in registration order (what an optimizer updates), as {@code parameters()}} */
    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** {@return all buffers by dotted name (e.g. {@code "1.running_mean"}), as {@code named_buffers()}} */
    public LinkedHashMap<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        for (var m : namedModules().entrySet())
            for (var b : m.getValue().buffers.entrySet()) out.put(qualified(m.getKey(), b.getKey()), b.getValue());
        return out;
    }

    private static String qualified(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /**
     * Applies {@code fn} to every submodule (children first) and then to this module, as {@code Module.apply}
     * (e.g. to re-initialize weights).
     *
     * @param fn the function to apply
     * @return this module
     */
    public Module apply(Consumer<Module> fn) {
        for (Module c : children.values()) c.apply(fn);
        fn.accept(this);
        return this;
    }

    /** {@return the number of scalar values in all distinct parameters (shared ones counted once)} */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.numel();
        return n;
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    // ---------------------------------------------------------------- modes

    /**
     * Sets training mode on this module and all submodules, as {@code train(mode)}.
     *
     * @param mode true for training, false for evaluation
     * @return this module
     */
    public Module train(boolean mode) {
        training = mode;
        for (Module c : children.values()) c.train(mode);
        return this;
    }

    /**
     * Training mode on this module and all submodules (the default for a new module), as {@code train()}.
     *
     * @return this module
     */
    public Module train() {
        return train(true);
    }

    /**
     * Evaluation mode on this module and all submodules, as {@code eval()}: Dropout becomes the identity and
     * BatchNorm uses its running statistics.
     *
     * @return this module
     */
    public Module eval() {
        return train(false);
    }

    /** {@return whether this module is in training mode, as PyTorch's {@code training} attribute} */
    public boolean isTraining() {
        return training;
    }

    // ---------------------------------------------------------------- state dict

    /**
     * Parameters and buffers by dotted name (each module's parameters, then its buffers, then its
     * submodules), as {@code state_dict()}. The values are the module's live tensors, not copies:
     * copy them if you need a snapshot. A shared parameter appears under every name it is registered at.
     *
     * @return the parameters and buffers by dotted name; a new map of live tensors
     */
    public LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        collectState("", this, out);
        return out;
    }

    private static void collectState(String prefix, Module m, Map<String, Tensor> out) {
        for (var p : m.parameters.entrySet()) out.put(qualified(prefix, p.getKey()), p.getValue());
        for (var b : m.buffers.entrySet()) out.put(qualified(prefix, b.getKey()), b.getValue());
        for (var c : m.children.entrySet()) collectState(qualified(prefix, c.getKey()), c.getValue(), out);
    }

    /**
     * Copies values from {@code state} into this module's parameters and buffers (strict, as
     * {@code load_state_dict(strict=True)}). Every key and shape is validated before any value is
     * copied, so on error the module is unchanged.
     *
     * @param state the tensors by dotted name, e.g. from {@link #stateDict()} of the same architecture
     * @throws IllegalArgumentException naming the missing or unexpected keys, or the key whose shape differs, with both
     *     shapes; also if state is null
     */
    public void loadStateDict(Map<String, Tensor> state) {
        if (state == null) throw new IllegalArgumentException("loadStateDict: state is null");
        LinkedHashMap<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), mismatched = new ArrayList<>();
        for (String k : own.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (String k : state.keySet()) if (!own.containsKey(k)) unexpected.add(k);
        for (var e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) continue;
            if (!Arrays.equals(src.shape(), e.getValue().shape()))
                mismatched.add("size mismatch for " + e.getKey() + ": copying a param with shape "
                        + Shapes.str(src.shape()) + ", the shape in the current model is "
                        + Shapes.str(e.getValue().shape()));
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder sb = new StringBuilder("Error(s) in loading state dict for " + typeName() + ":");
            if (!missing.isEmpty())
                sb.append("\n\tMissing key(s) in state dict: ").append(missing);
            if (!unexpected.isEmpty())
                sb.append("\n\tUnexpected key(s) in state dict: ").append(unexpected);
            for (String m : mismatched) sb.append("\n\t").append(m);
            sb.append("\nThe module is unchanged; load a state dict saved from the same architecture.");
            throw new IllegalArgumentException(sb.toString());
        }
        try (var ignored = NoGrad.enter()) {
            for (var e : own.entrySet()) {
                float[] src = state.get(e.getKey()).data(), dst = e.getValue().data();
                if (src != dst) System.arraycopy(src, 0, dst, 0, dst.length);
            }
        }
    }

    // ---------------------------------------------------------------- printing

    /** {@return the name shown by {@link #toString()} and in error messages; the class's simple name by default} */
    public String typeName() {
        return getClass().getSimpleName();
    }

    /**
     * {@return the settings shown inside the parentheses of {@link #toString()}, as PyTorch's {@code extra_repr()}}
     * Empty by default; e.g. {@code in_features=10, out_features=32, bias=True} for Linear.
     */
    protected String extraRepr() {
        return "";
    }

    /** PyTorch's module repr, e.g. {@code Sequential(\n  (0): Linear(in_features=10, out_features=32, bias=True)\n ...)}. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        String extra = extraRepr();
        if (!extra.isEmpty()) lines.addAll(Arrays.asList(extra.split("\n")));
        for (var c : children.entrySet())
            lines.add("(" + c.getKey() + "): " + c.getValue().toString().replace("\n", "\n  "));
        StringBuilder sb = new StringBuilder(typeName()).append('(');
        if (children.isEmpty() && lines.size() == 1) sb.append(extra);
        else if (!lines.isEmpty())
            sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
        return sb.append(')').toString();
    }

    /**
     * {@return a table of every parameter with its shape and size, then the total and trainable counts} Shared
     * parameters are counted once.
     */
    public String summary() {
        LinkedHashMap<String, Parameter> named = namedParameters();
        int width = "parameter".length();
        for (String k : named.keySet()) width = Math.max(width, k.length());
        StringBuilder sb = new StringBuilder(typeName()).append('\n');
        String fmt = "%-" + width + "s  %-16s  %12s%n";
        sb.append(String.format(fmt, "parameter", "shape", "count"));
        for (var e : named.entrySet())
            sb.append(String.format(
                    fmt,
                    e.getKey(),
                    Shapes.str(e.getValue().shape()),
                    String.format("%,d", e.getValue().numel())));
        long trainable = 0;
        for (Parameter p : named.values()) if (p.requiresGrad()) trainable += p.numel();
        sb.append(String.format("total parameters: %,d (trainable: %,d)%n", parameterCount(), trainable));
        return sb.toString();
    }
}
