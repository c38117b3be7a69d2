package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleSpec;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * The graph isomorphism operator of "How Powerful are Graph Neural Networks?", as PyTorch Geometric's
 * {@code GINConv(nn, eps, train_eps)}: x'_i = nn((1 + ε)·x_i + Σ_{j→i} x_j). A sum of the neighbours (not a mean or a
 * maximum) followed by an MLP tells apart neighbourhoods that GCN and GraphSAGE confuse, which makes it the usual
 * layer for graph classification. ε is the state-dict entry {@code eps} [1]: a parameter when {@code trainEps},
 * else a buffer; the MLP's parameters are {@code nn.*}.
 */
public class GINConv extends MessagePassing {
    private static final Arg<GINConv, ModuleSpec> NN = Arg.module("nn", GINConv::nn);
    private static final Arg<GINConv, Double> EPS = Arg.number("eps", 0.0, c -> (double) c.initialEps);
    private static final Arg<GINConv, Boolean> TRAIN_EPS = Arg.bool("trainEps", false, c -> c.trainEps);
    /**
     * The registered module type: {@code {"type":"GINConv","nn":{"type":"MLP",...},"eps":0.0,"trainEps":true}}; in a
     * {@link dev.myelin.nn.GraphModule} its node reads {@code x} and the edge tensor.
     */
    public static final ModuleType<GINConv> TYPE = ModuleType.of(
            GINConv.class,
            List.of(NN, EPS, TRAIN_EPS),
            (a, gen) -> new GINConv(a.get(NN).build(gen), a.get(EPS), a.get(TRAIN_EPS)),
            a -> new StateShapes().add("eps", 1).addAll("nn", a.get(NN).stateShapes()));

    private final Module nn;
    private final float initialEps;
    private final boolean trainEps;
    private final Tensor eps;

    /**
     * A GIN layer with PyG's defaults: ε = 0, not trained.
     *
     * @param nn the MLP applied after the aggregation, e.g. {@code new MLP(in, List.of(hidden), out, gen)}
     * @throws IllegalArgumentException if nn is null
     */
    public GINConv(Module nn) {
        this(nn, 0, false);
    }

    /**
     * A GIN layer with the options of PyG's {@code GINConv(nn, eps, train_eps)}.
     *
     * @param nn the MLP applied after the aggregation (PyG's {@code nn}), registered as {@code nn}
     * @param eps the initial ε, the weight of a node's own features beyond 1 (PyG's default is 0)
     * @param trainEps whether ε is learned (a parameter) rather than fixed (a buffer) (PyG's default is false)
     * @throws IllegalArgumentException if nn is null or eps is not finite
     */
    public GINConv(Module nn, double eps, boolean trainEps) {
        super(Aggregation.ADD);
        if (nn == null) throw new IllegalArgumentException("GINConv: nn is null; pass the MLP applied after the sum");
        if (!Double.isFinite(eps)) throw new IllegalArgumentException("GINConv: eps must be finite, got " + eps);
        this.nn = registerModule("nn", nn);
        this.initialEps = (float) eps;
        this.trainEps = trainEps;
        Tensor e = Tensor.full((float) eps, 1);
        this.eps = trainEps ? registerParameter("eps", new Parameter(e)) : registerBuffer("eps", e);
    }

    /**
     * Node features [N, F] to nn((1 + ε)·x + Σ_{j→i} x_j).
     *
     * @param x the node features, [N, F]
     * @param edges the graph's edges over the N nodes
     * @return nn's output for every node
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F] for the graph's N nodes, or does not fit nn
     */
    public Tensor forward(Tensor x, EdgeIndex edges) {
        Tensor sum = propagate(edges, x, null); // Σ_{j→i} x_j, one sparse product
        return nn.forward(x.mul(eps.add(1f)).add(sum)); // (1 + ε)·x_i + Σ x_j through the MLP
    }

    @Override
    protected Tensor forwardOnGraph(Tensor x, EdgeIndex edges, Tensor edgeValues) {
        return forward(x, edges);
    }

    /** {@return the MLP applied after the aggregation ({@code nn})} */
    public Module nn() {
        return nn;
    }

    /** {@return ε, [1]: the parameter when trained, else the buffer} */
    public Tensor eps() {
        return eps;
    }

    @Override
    protected String extraRepr() {
        return "eps=" + initialEps + (trainEps ? ", train_eps=True" : "");
    }
}
