package dev.myelin.nn.attention;

import dev.myelin.nn.Arg;
import dev.myelin.nn.F;
import dev.myelin.nn.Init;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.Repr;
import dev.myelin.nn.StateShapes;
import dev.myelin.nn.Stochastic;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Multi-head attention as {@code nn.MultiheadAttention} (PyTorch 1.13): queries, keys and values projected to
 * {@code numHeads} heads of embedDim/numHeads, scaled dot-product attention per head, the heads concatenated and
 * projected by {@code out_proj}. Parameters as PyTorch's: {@code in_proj_weight} [3E, E] when key and value have
 * the embedding size, else {@code q_proj_weight} [E, E], {@code k_proj_weight} [E, kdim], {@code v_proj_weight}
 * [E, vdim]; {@code in_proj_bias} [3E]; {@code out_proj.weight}, {@code out_proj.bias}. Initialization as PyTorch:
 * xavier_uniform on the projection weights, zero biases, out_proj.weight as a Linear's.
 *
 * <p>Inputs are [L, N, E] ([N, L, E] with batchFirst) or unbatched [L, E]. The key padding mask is [N, S] ([S]
 * unbatched), the attention mask [L, S] or [N·numHeads, L, S]; both may be boolean (see {@link AttentionMask}) or
 * additive, and are combined as PyTorch does. Without weights requested the heads run on the fused kernel.
 */
public class MultiheadAttention extends Module implements Stochastic {
    private static final Arg<MultiheadAttention, Integer> EMBED_DIM =
            Arg.positiveInt("embedDim", MultiheadAttention::embedDim);
    private static final Arg<MultiheadAttention, Integer> NUM_HEADS =
            Arg.positiveInt("numHeads", MultiheadAttention::numHeads);
    private static final Arg<MultiheadAttention, Double> DROPOUT =
            Arg.number("dropout", 0.0, MultiheadAttention::dropout);
    private static final Arg<MultiheadAttention, Boolean> BIAS = Arg.bool("bias", true, MultiheadAttention::bias);
    private static final Arg<MultiheadAttention, Integer> KDIM =
            Arg.optionalInt("kdim", m -> m.kdim == m.embedDim ? null : m.kdim);
    private static final Arg<MultiheadAttention, Integer> VDIM =
            Arg.optionalInt("vdim", m -> m.vdim == m.embedDim ? null : m.vdim);
    private static final Arg<MultiheadAttention, Boolean> BATCH_FIRST =
            Arg.bool("batchFirst", false, MultiheadAttention::batchFirst);
    /** {@code {"type":"MultiheadAttention","embedDim":64,"numHeads":4,"batchFirst":true}}. */
    public static final ModuleType<MultiheadAttention> TYPE = ModuleType.of(
            MultiheadAttention.class,
            List.of(EMBED_DIM, NUM_HEADS, DROPOUT, BIAS, KDIM, VDIM, BATCH_FIRST),
            (a, gen) -> new MultiheadAttention(
                    a.get(EMBED_DIM),
                    a.get(NUM_HEADS),
                    a.get(DROPOUT),
                    a.get(BIAS),
                    a.get(KDIM),
                    a.get(VDIM),
                    a.get(BATCH_FIRST),
                    gen),
            a -> stateShapes(a.get(EMBED_DIM), a.get(BIAS), a.get(KDIM), a.get(VDIM)));

    /**
     * The output [L, N, E] (batch first [N, L, E]) and the attention weights, or null when they were not asked for.
     *
     * @param output  the attention output, shaped as the query ([L, N, E], [N, L, E] batch first, or [L, E])
     * @param weights the attention weights (after dropout): [N, L, S] averaged over heads or [N, numHeads, L, S]
     *     per head (without N unbatched); null when not asked for
     */
    public record AttentionOutput(Tensor output, Tensor weights) {}

    private final int embedDim, numHeads, headDim, kdim, vdim;
    private final double dropout;
    private final boolean bias, batchFirst;
    private final Generator gen;
    private final Linear outProj;

    /**
     * All settings, as PyTorch's constructor {@code nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0,
     * bias=True, kdim=None, vdim=None, batch_first=False)} (the add_bias_kv and add_zero_attn options are not
     * supported).
     *
     * @param embedDim   E, the model's width, {@code > 0} and divisible by {@code numHeads}
     * @param numHeads   H, the number of parallel heads, each of E/H features
     * @param dropout    the probability of dropping an attention weight in training, in [0, 1] (default 0)
     * @param bias       whether the input and output projections have biases (default true)
     * @param kdim       key features, null for embedDim
     * @param vdim       value features, null for embedDim
     * @param batchFirst whether inputs and outputs are [N, L, E] instead of [L, N, E] (default false)
     * @param gen        the run's seeded generator, for the initialization and the dropout
     * @throws IllegalArgumentException if a size is not positive, E is not divisible by H, dropout is out of range
     *     or {@code gen} is null
     */
    public MultiheadAttention(
            int embedDim,
            int numHeads,
            double dropout,
            boolean bias,
            Integer kdim,
            Integer vdim,
            boolean batchFirst,
            Generator gen) {
        if (embedDim <= 0 || numHeads <= 0)
            throw new IllegalArgumentException(
                    "MultiheadAttention: embedDim and numHeads must be positive, got " + embedDim + " and " + numHeads);
        if (embedDim % numHeads != 0)
            throw new IllegalArgumentException("MultiheadAttention: embedDim " + embedDim
                    + " must be divisible by numHeads " + numHeads + " (each head gets embedDim/numHeads features)");
        if (!(dropout >= 0 && dropout <= 1))
            throw new IllegalArgumentException("MultiheadAttention: dropout must be in [0, 1], got " + dropout);
        if ((kdim != null && kdim <= 0) || (vdim != null && vdim <= 0))
            throw new IllegalArgumentException(
                    "MultiheadAttention: kdim and vdim must be positive, got " + kdim + " and " + vdim);
        if (gen == null)
            throw new IllegalArgumentException(
                    "MultiheadAttention: generator is null; pass the run's seeded Generator");
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.headDim = embedDim / numHeads;
        this.kdim = kdim == null ? embedDim : kdim;
        this.vdim = vdim == null ? embedDim : vdim;
        this.dropout = dropout;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.gen = gen;
        if (sameEmbedDim()) {
            Init.xavierUniform(
                    registerParameter("in_proj_weight", new Parameter(Tensor.zeros(3 * embedDim, embedDim))), 1, gen);
        } else {
            Init.xavierUniform(
                    registerParameter("q_proj_weight", new Parameter(Tensor.zeros(embedDim, embedDim))), 1, gen);
            Init.xavierUniform(
                    registerParameter("k_proj_weight", new Parameter(Tensor.zeros(embedDim, this.kdim))), 1, gen);
            Init.xavierUniform(
                    registerParameter("v_proj_weight", new Parameter(Tensor.zeros(embedDim, this.vdim))), 1, gen);
        }
        if (bias) registerParameter("in_proj_bias", new Parameter(Tensor.zeros(3 * embedDim)));
        outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, gen));
        if (bias) Init.zeros(outProj.bias());
    }

    /**
     * PyTorch's defaults: sequence first, bias, no dropout, key and value of the embedding size.
     *
     * @param embedDim E, the model's width, {@code > 0} and divisible by {@code numHeads}
     * @param numHeads H, the number of parallel heads
     * @param gen      the run's seeded generator, for the initialization
     * @throws IllegalArgumentException if a size is not positive, E is not divisible by H, or {@code gen} is null
     */
    public MultiheadAttention(int embedDim, int numHeads, Generator gen) {
        this(embedDim, numHeads, 0, true, null, null, false, gen);
    }

    static StateShapes stateShapes(int embedDim, boolean bias, Integer kdim, Integer vdim) {
        int k = kdim == null ? embedDim : kdim, v = vdim == null ? embedDim : vdim;
        StateShapes s = new StateShapes();
        if (k == embedDim && v == embedDim) s.add("in_proj_weight", 3 * embedDim, embedDim);
        else
            s.add("q_proj_weight", embedDim, embedDim)
                    .add("k_proj_weight", embedDim, k)
                    .add("v_proj_weight", embedDim, v);
        s.addIf(bias, "in_proj_bias", 3 * embedDim);
        return s.addAll(
                "out_proj", new StateShapes().add("weight", embedDim, embedDim).addIf(bias, "bias", embedDim));
    }

    private boolean sameEmbedDim() {
        return kdim == embedDim && vdim == embedDim;
    }

    /** {@return E, the model's width} */
    public int embedDim() {
        return embedDim;
    }

    /** {@return H, the number of heads} */
    public int numHeads() {
        return numHeads;
    }

    /** {@return the features per head, E/H} */
    public int headDim() {
        return headDim;
    }

    /** {@return the key's features (E unless set)} */
    public int kdim() {
        return kdim;
    }

    /** {@return the value's features (E unless set)} */
    public int vdim() {
        return vdim;
    }

    /** {@return the dropout probability on the attention weights in training} */
    public double dropout() {
        return dropout;
    }

    /** {@return whether the projections have biases} */
    public boolean bias() {
        return bias;
    }

    /** {@return whether inputs and outputs are [N, L, E]} */
    public boolean batchFirst() {
        return batchFirst;
    }

    @Override
    public Generator generator() {
        return gen;
    }

    /**
     * Output and head-averaged weights, without masks (PyTorch's defaults: need_weights=True,
     * average_attn_weights=True). Pass the same tensor three times for self-attention.
     *
     * @param query [L, N, E] ([N, L, E] batch first) or unbatched [L, E]
     * @param key   [S, N, kdim] ([N, S, kdim] batch first) or unbatched [S, kdim]
     * @param value [S, N, vdim] ([N, S, vdim] batch first) or unbatched [S, vdim]
     * @return the output, shaped as the query, and the weights [N, L, S] ([L, S] unbatched)
     * @throws ShapeMismatchException naming the shapes, if they do not fit the layer or each other
     */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value) {
        return forward(query, key, value, null, true, null, true);
    }

    /**
     * The output only (need_weights=False: the fused kernel), with optional masks.
     *
     * @param query          [L, N, E] ([N, L, E] batch first) or unbatched [L, E]
     * @param key            [S, N, kdim] ([N, S, kdim] batch first) or unbatched [S, kdim]
     * @param value          [S, N, vdim] ([N, S, vdim] batch first) or unbatched [S, vdim]
     * @param keyPaddingMask [N, S] ([S] unbatched) marking the keys to leave out (e.g.
     *     {@code AttentionMask.block(padding)}), or null
     * @param attnMask       [L, S] or [N·numHeads, L, S], or null
     * @return the output, shaped as the query
     * @throws ShapeMismatchException naming the shapes, if the inputs or masks do not fit
     */
    public Tensor attend(Tensor query, Tensor key, Tensor value, AttentionMask keyPaddingMask, AttentionMask attnMask) {
        return forward(query, key, value, keyPaddingMask, false, attnMask, true).output();
    }

    /**
     * As {@code forward(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)}. The weights
     * are [N, L, S] averaged over heads, or [N, numHeads, L, S] per head ([L, S] / [numHeads, L, S] unbatched).
     *
     * @param query              [L, N, E] ([N, L, E] batch first) or unbatched [L, E]
     * @param key                [S, N, kdim] ([N, S, kdim] batch first) or unbatched [S, kdim]
     * @param value              [S, N, vdim] ([N, S, vdim] batch first) or unbatched [S, vdim]
     * @param keyPaddingMask     [N, S] ([S] unbatched) marking the keys to leave out, or null
     * @param needWeights        whether to compute and return the weights (false runs the fused kernel)
     * @param attnMask           [L, S] or [N·numHeads, L, S], or null
     * @param averageAttnWeights whether the weights are averaged over the heads
     * @return the output, shaped as the query, and the weights (null unless {@code needWeights})
     * @throws IllegalArgumentException if query, key or value is null
     * @throws ShapeMismatchException naming the shapes, if the inputs or masks do not fit
     */
    public AttentionOutput forward(
            Tensor query,
            Tensor key,
            Tensor value,
            AttentionMask keyPaddingMask,
            boolean needWeights,
            AttentionMask attnMask,
            boolean averageAttnWeights) {
        if (query == null || key == null || value == null)
            throw new IllegalArgumentException("MultiheadAttention: query, key and value must not be null");
        boolean batched = query.dim() == 3;
        checkShapes(query, key, value, batched);
        // work batch first [N, L, E]
        Tensor q = batched ? (batchFirst ? query : query.transpose(0, 1)) : query.unsqueeze(0);
        Tensor k = batched ? (batchFirst ? key : key.transpose(0, 1)) : key.unsqueeze(0);
        Tensor v = batched ? (batchFirst ? value : value.transpose(0, 1)) : value.unsqueeze(0);
        int n = q.size(0), l = q.size(1), s = k.size(1);
        AttentionMask mask = combinedMask(keyPaddingMask, attnMask, batched, n, l, s);
        double p = isTraining() ? dropout : 0;
        Tensor[] proj = project(query, key, value, q, k, v);
        Tensor attn, weights = null;
        if (proj.length == 1 && !needWeights) { // self-attention on the packed projection: no head copies
            attn = AttentionF.packedSelfAttention(proj[0], numHeads, mask, p, false, gen);
        } else {
            Tensor[] h = proj.length == 1
                    ? AttentionF.splitHeads(proj[0], numHeads)
                    : new Tensor[] {
                        AttentionF.heads(proj[0], numHeads),
                        AttentionF.heads(proj[1], numHeads),
                        AttentionF.heads(proj[2], numHeads)
                    };
            if (needWeights) {
                AttentionF.Result r = AttentionF.composite(h[0], h[1], h[2], mask, p, false, null, gen);
                attn = r.output();
                weights = averageAttnWeights ? r.weights().sum(1).div(numHeads) : r.weights();
                if (!batched) weights = weights.squeeze(0);
            } else {
                attn = AttentionF.scaledDotProductAttention(h[0], h[1], h[2], mask, p, false, null, gen);
            }
            attn = AttentionF.mergeHeads(attn);
        }
        Tensor out = F.linear(attn, outProj.weight(), outProj.bias());
        out = batched ? (batchFirst ? out : out.transpose(0, 1)) : out.squeeze(0);
        return new AttentionOutput(out, weights);
    }

    /**
     * The projections of the batch-first inputs: queries, keys and values, or for self-attention with packed weights
     * the one product [N, L, 3E] holding all three.
     */
    private Tensor[] project(Tensor query, Tensor key, Tensor value, Tensor q, Tensor k, Tensor v) {
        int e = embedDim;
        Tensor b = bias ? parameter("in_proj_bias") : null;
        Tensor bq = b == null ? null : b.narrow(0, 0, e),
                bk = b == null ? null : b.narrow(0, e, e),
                bv = b == null ? null : b.narrow(0, 2 * e, e);
        if (!sameEmbedDim())
            return new Tensor[] {
                F.linear(q, parameter("q_proj_weight"), bq),
                F.linear(k, parameter("k_proj_weight"), bk),
                F.linear(v, parameter("v_proj_weight"), bv)
            };
        Tensor w = parameter("in_proj_weight");
        if (query == key && key == value) return new Tensor[] {F.linear(q, w, b)};
        return new Tensor[] {
            F.linear(q, w.narrow(0, 0, e), bq),
            F.linear(k, w.narrow(0, e, e), bk),
            F.linear(v, w.narrow(0, 2 * e, e), bv)
        };
    }

    private void checkShapes(Tensor query, Tensor key, Tensor value, boolean batched) {
        String qs = Shapes.str(query.shape()), ks = Shapes.str(key.shape()), vs = Shapes.str(value.shape());
        String layout = batchFirst ? "[N, L, E]" : "[L, N, E]";
        if (query.dim() != 3 && query.dim() != 2)
            throw new ShapeMismatchException(
                    "MultiheadAttention: query must be " + layout + " or unbatched [L, E], got " + qs);
        if (key.dim() != query.dim() || value.dim() != query.dim())
            throw new ShapeMismatchException(
                    "MultiheadAttention: query, key and value must all be batched (3-D) or all unbatched (2-D), got query "
                            + qs + ", key " + ks + ", value " + vs);
        if (query.size(-1) != embedDim)
            throw new ShapeMismatchException("MultiheadAttention: query has " + query.size(-1)
                    + " features but embedDim is " + embedDim + " (query shape " + qs + ")");
        if (key.size(-1) != kdim)
            throw new ShapeMismatchException("MultiheadAttention: key has " + key.size(-1) + " features but kdim is "
                    + kdim + " (key shape " + ks + ", query shape " + qs + ")");
        if (value.size(-1) != vdim)
            throw new ShapeMismatchException("MultiheadAttention: value has " + value.size(-1)
                    + " features but vdim is " + vdim + " (value shape " + vs + ", query shape " + qs + ")");
        int seq = batched && batchFirst ? 1 : 0, batch = 1 - seq;
        if (key.size(seq) != value.size(seq) || (batched && key.size(batch) != value.size(batch)))
            throw new ShapeMismatchException("MultiheadAttention: key shape " + ks + " and value shape " + vs
                    + " must agree in batch and sequence length");
        if (batched && key.size(batch) != query.size(batch))
            throw new ShapeMismatchException(
                    "MultiheadAttention: query shape " + qs + " and key shape " + ks + " have different batch sizes");
    }

    /** The key padding and attention masks as one mask broadcastable to [N, H, L, S] (PyTorch's merge), or null. */
    private AttentionMask combinedMask(
            AttentionMask keyPadding, AttentionMask attnMask, boolean batched, int n, int l, int s) {
        AttentionMask a = null, kp = null;
        if (attnMask != null) {
            int[] ms = attnMask.shape();
            if (ms.length == 2) {
                if (ms[0] != l || ms[1] != s)
                    throw new ShapeMismatchException("MultiheadAttention: the 2-D attn_mask has shape " + Shapes.str(ms)
                            + " but should be " + Shapes.str(new int[] {l, s}) + " [L, S] for query length " + l
                            + " and key length " + s);
                a = attnMask;
            } else if (ms.length == 3) {
                int[] want = {n * numHeads, l, s};
                if (!Arrays.equals(ms, want))
                    throw new ShapeMismatchException("MultiheadAttention: the 3-D attn_mask has shape " + Shapes.str(ms)
                            + " but should be " + Shapes.str(want) + " [N·numHeads, L, S]");
                a = attnMask.reshape(n, numHeads, l, s);
            } else
                throw new ShapeMismatchException(
                        "MultiheadAttention: attn_mask must be 2-D [L, S] or 3-D [N·numHeads, L, S], got "
                                + Shapes.str(ms));
        }
        if (keyPadding != null) {
            int[] want = batched ? new int[] {n, s} : new int[] {s};
            if (!Arrays.equals(keyPadding.shape(), want))
                throw new ShapeMismatchException("MultiheadAttention: key_padding_mask has shape "
                        + Shapes.str(keyPadding.shape()) + " but should be " + Shapes.str(want)
                        + (batched ? " [N, S]" : " [S]") + " for key shape with batch " + n + " and length " + s);
            kp = keyPadding.reshape(n, 1, 1, s);
        }
        if (a == null) return kp;
        if (kp == null) return a;
        return AttentionMask.additive(a.toAdditive().add(kp.toAdditive()));
    }

    /**
     * Inputs (query, key, value, keyPaddingMask, attnMask), the masks optional: a key padding mask tensor is read as
     * boolean (non-zero = padding, left out), an attention mask tensor as additive (0 / −∞, as
     * {@link Transformer#generateSquareSubsequentMask}). Outputs output and the head-averaged weights.
     */
    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 3, "query", "key", "value", "keyPaddingMask", "attnMask");
        Tensor kpm = inputs.length > 3 ? inputs[3] : null, am = inputs.length > 4 ? inputs[4] : null;
        AttentionOutput r = forward(
                inputs[0],
                inputs[1],
                inputs[2],
                kpm == null ? null : AttentionMask.block(kpm),
                true,
                am == null ? null : AttentionMask.additive(am),
                true);
        return Outputs.of(r);
    }

    @Override
    protected String extraRepr() {
        List<String> parts = new ArrayList<>();
        if (dropout != 0) parts.add("dropout=" + Repr.pyFloat(dropout));
        if (!sameEmbedDim()) parts.add("kdim=" + kdim + ", vdim=" + vdim);
        if (batchFirst) parts.add("batch_first=True");
        return String.join(", ", parts);
    }
}
