package dev.myelin.autograd;

import dev.myelin.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reverse-mode differentiation over the tape: orders the graph topologically from the root,
 * then runs each node's backward step from the root down (as micrograd's {@code backward}).
 */
public final class Engine {
    private Engine() {}

    /** Records {@code out} as produced by {@code op} from {@code inputs}, if any input needs a gradient. */
    public static Tensor record(Tensor out, String op, Backward backward, Tensor... inputs) {
        if (!NoGrad.isGradEnabled()) return out;
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad()) {
                out.setGradFn(new Node(op, backward, inputs));
                return out;
            }
        }
        return out;
    }

    /** Backpropagates {@code gradient} (same shape as root) through the graph; leaves accumulate into {@code .grad()}. */
    public static void backward(Tensor root, Tensor gradient) {
        if (!root.requiresGrad())
            throw new IllegalStateException("backward: the tensor does not require grad and has no grad_fn; "
                    + "call requiresGrad(true) on a leaf it depends on");
        List<Tensor> order = topologicalOrder(root);
        try (var ignored = NoGrad.enter()) {
            root.accumulateGrad(gradient);
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Node node = t.gradFn();
                if (node == null || t.grad() == null) continue;
                node.backward().apply(t.grad());
                if (!t.retainsGrad()) t.setGrad(null); // intermediate gradients are freed, as in PyTorch
            }
        }
    }

    /** Inputs before outputs; iterative so deep graphs (long RNN unrolls) do not overflow the stack. */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.add(root);
        while (!stack.isEmpty()) {
            Object[] frame = stack.peek();
            Tensor t = (Tensor) frame[0];
            int next = (int) frame[1];
            Node node = t.gradFn();
            Tensor[] inputs = node == null ? new Tensor[0] : node.inputs();
            if (next < inputs.length) {
                frame[1] = next + 1;
                Tensor in = inputs[next];
                if (in != null && in.requiresGrad() && visited.add(in)) stack.push(new Object[] {in, 0});
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
