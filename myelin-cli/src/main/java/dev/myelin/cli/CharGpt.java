package dev.myelin.cli;

import dev.myelin.nn.Activation;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Embedding;
import dev.myelin.nn.LayerNorm;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.attention.AttentionMask;
import dev.myelin.nn.attention.LearnedPositionalEmbedding;
import dev.myelin.nn.attention.MultiheadAttention;
import dev.myelin.nn.attention.TransformerEncoder;
import dev.myelin.nn.attention.TransformerEncoderLayer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoder-only character Transformer of {@code myelin demo gpt}, as minGPT: token embedding plus a learned
 * position embedding (initial std 0.02, as GPT-2), {@code layers} pre-norm Transformer blocks ({@link TransformerEncoderLayer} with
 * {@code normFirst}, GELU, a feed-forward of 4·dim) whose self-attention is causal (position t sees positions ≤ t
 * only), a final LayerNorm and a linear layer to the scores of the next character at every position.
 */
final class CharGpt extends Module {
    private final int context;
    private final Embedding tokens;
    private final LearnedPositionalEmbedding positions;
    private final Dropout dropout;
    private final TransformerEncoder blocks;
    private final LayerNorm norm;
    private final Linear head;

    /** A network for {@code vocabulary} characters and contexts of at most {@code context}; {@code heads} must divide {@code dim}. */
    CharGpt(int vocabulary, int context, int layers, int heads, int dim, double dropoutP, Generator gen) {
        if (dim % heads != 0)
            throw new IllegalArgumentException(
                    "--heads " + heads + " does not divide --dim " + dim + ": each head gets dim / heads features");
        this.context = context;
        tokens = registerModule("tokens", new Embedding(vocabulary, dim, gen));
        positions = registerModule(
                "positions", new LearnedPositionalEmbedding(context, dim, true, BuiltinModels.POSITION_STD, gen));
        dropout = registerModule("dropout", new Dropout(dropoutP, gen));
        TransformerEncoderLayer block =
                new TransformerEncoderLayer(dim, heads, 4 * dim, dropoutP, Activation.GELU, 1e-5, true, true, gen);
        blocks = registerModule("blocks", new TransformerEncoder(block, layers, null));
        norm = registerModule("norm", new LayerNorm(dim));
        head = registerModule("head", new Linear(dim, vocabulary, gen));
    }

    int context() {
        return context;
    }

    /** Scores [B, T, V] of the next character after each position of the ids [B, T] (as floats), T <= context. */
    @Override
    public Tensor forward(Tensor ids) {
        int t = ids.size(1);
        if (t > context)
            throw new IllegalArgumentException("CharGpt: " + t + " positions, more than its context of " + context);
        return head.forward(norm.forward(blocks.forward(embed(ids), causalMask(t), null)));
    }

    /** Token plus position embeddings of ids [B, T], after dropout. */
    private Tensor embed(Tensor ids) {
        return dropout.forward(positions.forward(tokens.forward(ids)));
    }

    /** −∞ above the diagonal: a query at position i attends to keys 0..i. */
    static AttentionMask causalMask(int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) m[i * t + j] = Float.NEGATIVE_INFINITY;
        return AttentionMask.additive(new Tensor(m, t, t));
    }

    /**
     * The attention weights of every block's heads for one sequence of ids [1, T]: per block [heads, T, T] (a row per
     * query position), from the same pass as {@link #forward} (call it in eval mode, without gradients).
     */
    List<float[]> attentionWeights(Tensor ids) {
        int t = ids.size(1);
        AttentionMask mask = causalMask(t);
        Tensor x = embed(ids);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < blocks.numLayers(); i++) {
            TransformerEncoderLayer layer = blocks.layer(i);
            Tensor in = layer.namedChildren().get("norm1").forward(x); // pre-norm: attention reads norm1(x)
            MultiheadAttention attention = layer.selfAttn();
            out.add(attention
                    .forward(in, in, in, null, true, mask, false)
                    .weights()
                    .contiguous()
                    .toArray());
            x = layer.forward(x, mask, null);
        }
        return out;
    }

    int heads() {
        return blocks.layer(0).nhead();
    }
}
