package dev.myelin.autograd;

import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Gradients returned instead of accumulated, as {@code torch.autograd.grad}: the gradients of
 * {@code outputs} (weighted by {@code gradOutputs}) with respect to {@code inputs}, leaving every
 * {@code .grad} as it was. With {@code createGraph} the returned gradients are part of a graph, so a
 * loss built from them (a gradient penalty) can be backpropagated to the weights.
 */
public final class Autograd {
    private Autograd() {}

    /**
     * The gradients of {@code outputs} with respect to {@code inputs}, as
     * {@code torch.autograd.grad(outputs, inputs, grad_outputs, create_graph=createGraph)}; no {@code .grad} changes.
     *
     * @param outputs the tensors to differentiate, each requiring grad; not empty
     * @param inputs the tensors to differentiate with respect to, each requiring grad and used in the outputs
     * @param gradOutputs one weight per output, shaped like it; null (or a null entry) means ones for a scalar output
     * @param createGraph whether the returned gradients are recorded, so they can be differentiated again
     * @return one gradient per input, shaped like it
     * @throws IllegalArgumentException if {@code outputs} is empty
     * @throws IllegalStateException if an output or input does not require grad, an input was not used, or a
     *     non-scalar output has no gradOutput
     * @throws ShapeMismatchException if a gradOutput's shape differs from its output's
     */
    public static List<Tensor> grad(
            List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs, boolean createGraph) {
        if (outputs.isEmpty()) throw new IllegalArgumentException("grad: outputs is empty");
        List<Tensor> gradients = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Tensor out = outputs.get(i);
            if (!out.requiresGrad())
                throw new IllegalStateException("grad: output " + i + " does not require grad and has no grad_fn");
            Tensor g =
                    gradOutputs == null || gradOutputs.get(i) == null ? implicitGradient(out, i) : gradOutputs.get(i);
            if (!Arrays.equals(g.shape(), out.shape()))
                throw new ShapeMismatchException("grad: gradOutputs[" + i + "] has shape " + Arrays.toString(g.shape())
                        + ", output " + i + " has shape " + Arrays.toString(out.shape()));
            gradients.add(g);
        }
        for (int i = 0; i < inputs.size(); i++)
            if (!inputs.get(i).requiresGrad())
                throw new IllegalStateException("grad: input " + i + " does not require grad");

        List<Tensor> order = Engine.topologicalOrder(outputs);
        Set<Tensor> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(inputs);
        // Every .grad the pass may touch is set aside and put back afterwards, so only the returned values change.
        List<Tensor> touched = new ArrayList<>(order);
        touched.addAll(inputs);
        Tensor[] stashed = new Tensor[touched.size()];
        for (int i = 0; i < stashed.length; i++) stashed[i] = touched.get(i).grad();
        for (Tensor t : touched) t.setGrad(null);
        List<Tensor> result = new ArrayList<>();
        try {
            Engine.run(outputs, gradients, towardInputs(order, wanted), createGraph, wanted);
            for (Tensor in : inputs) {
                if (in.grad() == null)
                    throw new IllegalStateException("grad: one of the inputs (shape " + Arrays.toString(in.shape())
                            + ") was not used in computing the outputs");
                result.add(in.grad());
            }
        } finally {
            for (int i = stashed.length - 1; i >= 0; i--) touched.get(i).setGrad(stashed[i]);
        }
        return result;
    }

    /**
     * The tensors of {@code order} whose backward step reaches one of the inputs, in order: as
     * {@code torch.autograd.grad}, nothing upstream of the inputs runs (a recurrent layer's replayed steps
     * differentiate with respect to their projection without going back through the layers below).
     */
    private static List<Tensor> towardInputs(List<Tensor> order, Set<Tensor> inputs) {
        Set<Tensor> reaching = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> run = new ArrayList<>();
        for (Tensor t : order) { // inputs before outputs, so a tensor's inputs are decided before it
            Node node = t.gradFn();
            if (node == null) continue;
            for (Tensor in : node.inputs()) {
                if (in != null && (inputs.contains(in) || reaching.contains(in))) {
                    reaching.add(t);
                    run.add(t);
                    break;
                }
            }
        }
        return run;
    }

    /**
     * The gradient of a scalar {@code output} with respect to one {@code input}, as
     * {@code torch.autograd.grad(output, input, create_graph=createGraph)[0]}.
     *
     * @param output a one-element tensor that requires grad
     * @param input a tensor the output was computed from, requiring grad
     * @param createGraph whether the returned gradient is recorded, so it can be differentiated again
     * @return d output / d input, shaped like {@code input}
     * @throws IllegalStateException if the output is not a scalar, or either tensor does not require grad, or the
     *     input was not used
     */
    public static Tensor grad(Tensor output, Tensor input, boolean createGraph) {
        return grad(List.of(output), List.of(input), null, createGraph).get(0);
    }

    private static Tensor implicitGradient(Tensor out, int i) {
        if (out.numel() != 1)
            throw new IllegalStateException("grad: grad can be implicitly created only for scalar outputs; output " + i
                    + " has shape " + Arrays.toString(out.shape()) + ", pass gradOutputs");
        return Tensor.ones(out.shape());
    }
}
