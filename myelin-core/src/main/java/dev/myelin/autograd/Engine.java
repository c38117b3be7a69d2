package dev.myelin.autograd;

import dev.myelin.kernel.BufferPool;
import dev.myelin.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reverse-mode differentiation over the tape: orders the graph topologically from the roots, then
 * runs each node's backward step from the roots down (as micrograd's {@code backward}). A plain
 * backward runs under {@link NoGrad}; with {@code createGraph} it runs in grad mode, so the backward
 * steps, written with tensor ops, record a graph of the gradients that can be differentiated again.
 */
public final class Engine {
    private static final Tensor[] NONE = new Tensor[0];
    // The gradient handed to the running backward step when the engine frees it right after the step and its array
    // is that tensor's alone (see reusableGradient): Java zeroes every new array, ~1 ms per 12 MB here, so a step
    // that writes its input's gradient over this one, or gives it to the BufferPool, saves a fresh array.
    private static final ThreadLocal<Tensor> FREED_AFTER_STEP = new ThreadLocal<>();

    private Engine() {}

    /**
     * Records {@code out} as produced by {@code op} from {@code inputs}, if any input needs a gradient.
     * The backward step may read the inputs and the output: their versions are saved and checked.
     *
     * @param out the op's output, which gets the new {@link Node} as its grad_fn
     * @param op the op's name, shown as the grad_fn (e.g. {@code "MulBackward"})
     * @param backward the op's local backward step
     * @param inputs the op's inputs (null entries allowed)
     * @return {@code out}
     * @throws IllegalStateException if an input that requires grad was overwritten in place
     */
    public static Tensor record(Tensor out, String op, Backward backward, Tensor... inputs) {
        if (!needsRecord(inputs)) return out;
        Tensor[] saved = java.util.Arrays.copyOf(inputs, inputs.length + 1);
        saved[inputs.length] = out;
        return attach(out, op, backward, saved, inputs);
    }

    /**
     * As {@link #record}, for ops whose backward needs only shapes (add, views, sums): nothing is saved.
     *
     * @param out the op's output, which gets the new {@link Node} as its grad_fn
     * @param op the op's name, shown as the grad_fn
     * @param backward the op's local backward step
     * @param inputs the op's inputs (null entries allowed)
     * @return {@code out}
     */
    public static Tensor recordShapeOnly(Tensor out, String op, Backward backward, Tensor... inputs) {
        return needsRecord(inputs) ? attach(out, op, backward, NONE, inputs) : out;
    }

    /**
     * As {@link #record}, saving exactly the given tensors (a custom {@link Function}'s saved tensors).
     *
     * @param out the op's output, which gets the new {@link Node} as its grad_fn
     * @param op the op's name, shown as the grad_fn
     * @param backward the op's local backward step
     * @param saved the tensors the backward step reads, whose versions are checked before it runs
     * @param inputs the op's inputs (null entries allowed)
     * @return {@code out}
     */
    public static Tensor recordSaving(Tensor out, String op, Backward backward, Tensor[] saved, Tensor... inputs) {
        return needsRecord(inputs) ? attach(out, op, backward, saved.clone(), inputs) : out;
    }

    private static boolean needsRecord(Tensor[] inputs) {
        if (!NoGrad.isGradEnabled()) return false;
        boolean any = false;
        for (Tensor in : inputs) {
            if (in == null || !in.requiresGrad()) continue;
            if (in.overwrittenBy() != null)
                throw new IllegalStateException("an input of shape " + java.util.Arrays.toString(in.shape())
                        + " was overwritten by " + in.overwrittenBy() + " (in place); use the tensor "
                        + in.overwrittenBy() + " returned, whose gradient goes through it");
            any = true;
        }
        return any;
    }

    private static Tensor attach(Tensor out, String op, Backward backward, Tensor[] saved, Tensor[] inputs) {
        int[] versions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) if (saved[i] != null) versions[i] = saved[i].version();
        out.setGradFn(new Node(op, backward, inputs, saved, versions));
        return out;
    }

    /**
     * Backpropagates {@code gradient} (same shape as root) through the graph; leaves accumulate into {@code .grad()}.
     * This is what {@code Tensor.backward} calls.
     *
     * @param root the tensor to differentiate, which must require grad
     * @param gradient the gradient of the loss with respect to {@code root}, shaped like it
     * @param createGraph whether the backward steps are recorded, so the gradients can be differentiated again
     * @throws IllegalStateException if {@code root} does not require grad, or a saved tensor was modified in place
     */
    public static void backward(Tensor root, Tensor gradient, boolean createGraph) {
        if (!root.requiresGrad())
            throw new IllegalStateException("backward: the tensor does not require grad and has no grad_fn; "
                    + "call requiresGrad(true) on a leaf it depends on");
        run(List.of(root), List.of(gradient), topologicalOrder(List.of(root)), createGraph, Set.of());
    }

    /**
     * Runs the backward steps of {@code order} (inputs before outputs) from the roots down. Gradients of
     * non-leaf tensors are freed after use unless retained or listed in {@code keep}.
     */
    static void run(
            List<Tensor> roots, List<Tensor> gradients, List<Tensor> order, boolean createGraph, Set<Tensor> keep) {
        try (var ignored = createGraph ? NoGrad.enable() : NoGrad.enter()) {
            for (int i = 0; i < roots.size(); i++) roots.get(i).accumulateGrad(gradients.get(i));
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Node node = t.gradFn();
                if (node == null || t.grad() == null) continue;
                node.checkSaved();
                Tensor g = t.grad();
                boolean freed =
                        !t.retainsGrad() && !keep.contains(t); // intermediate gradients are freed, as in PyTorch
                FREED_AFTER_STEP.set(freed && !createGraph && t.ownsGrad() ? g : null);
                try {
                    node.backward().apply(g);
                } finally {
                    FREED_AFTER_STEP.remove();
                }
                if (freed) t.setGrad(null);
            }
        }
    }

    /**
     * The array of {@code g} for the running backward step to overwrite, e.g. with its input's gradient that it
     * then hands on with {@code accumulateNewGrad}: non-null only for the gradient the engine passed to this step,
     * when the engine frees it right after the step (not retained, not asked for, no graph being built) and no
     * other tensor holds the array. At most once per step; the step must not use {@code g} for anything else
     * once the array is overwritten.
     *
     * @param g the gradient the engine passed to the running backward step
     * @return its array to overwrite, or null when the step must not overwrite it
     */
    public static float[] reusableGradient(Tensor g) {
        if (g == null || FREED_AFTER_STEP.get() != g) return null;
        FREED_AFTER_STEP.remove();
        return g.values();
    }

    /**
     * The running backward step has read {@code g} for the last time: if {@link #reusableGradient} would give its
     * array, it goes to the {@link BufferPool}, where a later step's kernel that overwrites a whole output takes it
     * instead of a new, zeroed array.
     *
     * @param g the gradient the engine passed to the running backward step
     */
    public static void doneWith(Tensor g) {
        float[] a = reusableGradient(g);
        if (a != null) BufferPool.give(a);
    }

    /** Inputs before outputs; iterative so deep graphs (long RNN unrolls) do not overflow the stack. */
    static List<Tensor> topologicalOrder(List<Tensor> roots) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        for (Tensor root : roots) {
            if (!root.requiresGrad() || !visited.add(root)) continue;
            stack.push(new Object[] {root, 0});
            while (!stack.isEmpty()) {
                Object[] frame = stack.peek();
                Tensor t = (Tensor) frame[0];
                int next = (int) frame[1];
                Node node = t.gradFn();
                Tensor[] inputs = node == null ? NONE : node.inputs();
                if (next < inputs.length) {
                    frame[1] = next + 1;
                    Tensor in = inputs[next];
                    if (in != null && in.requiresGrad() && visited.add(in)) stack.push(new Object[] {in, 0});
                } else {
                    stack.pop();
                    order.add(t);
                }
            }
        }
        return order;
    }
}
