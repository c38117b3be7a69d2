package dev.myelin.nn.graph;

import dev.myelin.graph.BatchVector;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Global pooling of node features into one row per graph, as PyTorch Geometric's {@code global_add_pool},
 * {@code global_mean_pool} and {@code global_max_pool} ({@link GraphF}) by {@code aggr}: {@code call(x, batch)} with
 * the batch vector as a float tensor [N] of graph ids ({@link BatchVector#toTensor()}), sorted, the graph count one
 * more than the largest id (PyG's inference); {@code call(x)} or {@link #forward(Tensor)} pools all nodes as one
 * graph, as PyG does without a batch. A registered module type, so a {@link dev.myelin.nn.GraphModule} can end a
 * graph classifier with it.
 */
public class GlobalPool extends Module {
    private static final Arg<GlobalPool, Aggregation> AGGR =
            Arg.named("aggr", Aggregation.MEAN, Aggregation::of, Aggregation::pygName, GlobalPool::aggr);
    /** The registered module type: {@code {"type":"GlobalPool","aggr":"max"}}; no state. */
    public static final ModuleType<GlobalPool> TYPE = ModuleType.of(
            GlobalPool.class, List.of(AGGR), (a, gen) -> new GlobalPool(a.get(AGGR)), a -> new StateShapes());

    private final Aggregation aggr;

    /**
     * Pooling with {@code aggr}.
     *
     * @param aggr add (global_add_pool), mean or max
     * @throws IllegalArgumentException if aggr is null
     */
    public GlobalPool(Aggregation aggr) {
        if (aggr == null) throw new IllegalArgumentException("GlobalPool: aggr is null");
        this.aggr = aggr;
    }

    /** {@return how each graph's node rows are combined} */
    public Aggregation aggr() {
        return aggr;
    }

    /**
     * Pools the node rows of a batch of graphs.
     *
     * @param x the node features, [N, F]
     * @param batch each node's graph
     * @return one row per graph, [numGraphs, F]; 0 for an empty graph
     * @throws dev.myelin.tensor.ShapeMismatchException if x does not have one row per node of batch
     */
    public Tensor forward(Tensor x, BatchVector batch) {
        return aggr.reduce(x, batch.grouping()); // GraphF's global add/mean/max pooling
    }

    /**
     * All nodes as one graph, as PyG's pooling without a batch vector.
     *
     * @param x the node features, [N, F]
     * @return one row, [1, F]
     * @throws dev.myelin.tensor.ShapeMismatchException if x has no rows dimension
     */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, BatchVector.single(rows(x)));
    }

    /**
     * {@code call(x)} or {@code call(x, batch)}, the batch vector as a float tensor [N] of sorted graph ids.
     *
     * @param inputs x, and optionally the batch vector
     * @return the pooled rows as the single output
     * @throws IllegalArgumentException if the inputs are too few or too many, or a batch value is not a whole number
     *     or out of order
     * @throws IndexOutOfBoundsException if a batch value is negative
     * @throws dev.myelin.tensor.ShapeMismatchException if the batch vector is not [N]
     */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 1, "x", "batch");
        Tensor x = inputs[0];
        if (inputs.length == 1 || inputs[1] == null) return Outputs.of(forward(x));
        IndexTensor graphOf = IndexTensor.fromTensor(typeName(), "batch value", inputs[1]);
        return Outputs.of(forward(x, BatchVector.of(graphOf, rows(x), -1)));
    }

    private int rows(Tensor x) {
        if (x.dim() < 1)
            throw new ShapeMismatchException(
                    typeName() + ": node features of shape " + Shapes.str(x.shape()) + " (need [N, F])");
        return x.size(0);
    }

    @Override
    protected String extraRepr() {
        return "aggr=" + aggr.pygName();
    }
}
