package dev.myelin.nn.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.nn.Arg;
import dev.myelin.nn.Linear;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * GraphSAGE, as PyTorch Geometric's {@code SAGEConv} with mean aggregation: x'_i = W₁·mean_{j→i} x_j + b + W₂·x_i.
 * Parameters {@code lin_l.weight}, {@code lin_l.bias} (the neighbours) and {@code lin_r.weight} (the root, no bias),
 * both initialized as {@code nn.Linear}; {@code normalize} L2-normalizes each output row.
 */
public class SAGEConv extends MessagePassing {
    private static final Arg<SAGEConv, Integer> IN = Arg.positiveInt("inChannels", c -> c.inChannels);
    private static final Arg<SAGEConv, Integer> OUT = Arg.positiveInt("outChannels", c -> c.outChannels);
    private static final Arg<SAGEConv, Aggregation> AGGR =
            Arg.named("aggr", Aggregation.MEAN, Aggregation::of, Aggregation::pygName, MessagePassing::aggr);
    private static final Arg<SAGEConv, Boolean> NORMALIZE = Arg.bool("normalize", false, c -> c.normalize);
    private static final Arg<SAGEConv, Boolean> ROOT_WEIGHT = Arg.bool("rootWeight", true, c -> c.rootWeight);
    private static final Arg<SAGEConv, Boolean> BIAS = Arg.bool("bias", true, c -> c.linL.bias() != null);
    /**
     * The registered module type: {@code {"type":"SAGEConv","inChannels":16,"outChannels":32,"aggr":"max"}}; in a
     * {@link dev.myelin.nn.GraphModule} its node reads {@code x} and the edge tensor.
     */
    public static final ModuleType<SAGEConv> TYPE = ModuleType.of(
            SAGEConv.class,
            List.of(IN, OUT, AGGR, NORMALIZE, ROOT_WEIGHT, BIAS),
            (a, gen) -> new SAGEConv(
                    a.get(IN), a.get(OUT), a.get(AGGR), a.get(NORMALIZE), a.get(ROOT_WEIGHT), a.get(BIAS), gen),
            a -> new StateShapes()
                    .add("lin_l.weight", a.get(OUT), a.get(IN))
                    .addIf(a.get(BIAS), "lin_l.bias", a.get(OUT))
                    .addIf(a.get(ROOT_WEIGHT), "lin_r.weight", a.get(OUT), a.get(IN)));

    private final int inChannels, outChannels;
    private final boolean normalize, rootWeight;
    private final Linear linL, linR;

    /**
     * A GraphSAGE layer with PyG's defaults: mean aggregation, no normalization, root weight, bias; both linear
     * maps initialized as {@code nn.Linear}.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output feature size, positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public SAGEConv(int inChannels, int outChannels, Generator gen) {
        this(inChannels, outChannels, Aggregation.MEAN, false, true, true, gen);
    }

    /**
     * A GraphSAGE layer with the options of PyG's {@code SAGEConv(in_channels, out_channels, aggr, normalize,
     * root_weight, bias)}; both linear maps initialized as {@code nn.Linear}.
     *
     * @param inChannels the node feature size F_in, positive
     * @param outChannels the output feature size, positive
     * @param aggr how the neighbours' features are combined (PyG's default is {@link Aggregation#MEAN})
     * @param normalize whether to L2-normalize each output row (PyG's default is false)
     * @param rootWeight whether to add W₂·x_i, the node's own features ({@code lin_r}) (PyG's default is true)
     * @param bias whether {@code lin_l} has a bias (PyG's default is true)
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or aggr is null
     */
    public SAGEConv(
            int inChannels,
            int outChannels,
            Aggregation aggr,
            boolean normalize,
            boolean rootWeight,
            boolean bias,
            Generator gen) {
        super(aggr);
        if (inChannels <= 0 || outChannels <= 0)
            throw new IllegalArgumentException("SAGEConv: in_channels and out_channels must be positive, got "
                    + inChannels + " and " + outChannels);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.normalize = normalize;
        this.rootWeight = rootWeight;
        linL = registerModule("lin_l", new Linear(inChannels, outChannels, bias, gen));
        linR = rootWeight ? registerModule("lin_r", new Linear(inChannels, outChannels, false, gen)) : null;
    }

    /**
     * Node features [N, in] to [N, out].
     *
     * @param x the node features, [N, in]
     * @param edges the graph's edges over the N nodes
     * @return the new node features, [N, out]
     * @throws dev.myelin.tensor.ShapeMismatchException if x is not [N, F] for the graph's N nodes
     */
    public Tensor forward(Tensor x, EdgeIndex edges) {
        checkNodes(edges, x);
        Tensor out = linL.forward(propagate(edges, x, null));
        if (rootWeight) out = out.add(linR.forward(x));
        if (normalize) out = out.div(out.square().sum(1, true).sqrt().clampMin(1e-12f)); // F.normalize(p=2, dim=-1)
        return out;
    }

    @Override
    protected Tensor forwardOnGraph(Tensor x, EdgeIndex edges, Tensor edgeValues) {
        return forward(x, edges);
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", aggr=" + aggr.pygName();
    }
}
