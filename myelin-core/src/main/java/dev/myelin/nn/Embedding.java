package dev.myelin.nn;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, initialized N(0, 1),
 * as {@code nn.Embedding}. The input holds indices of any shape: an {@link IndexTensor} (int32, exact for
 * any table), or whole numbers stored as floats (below 2^24). With a
 * {@code paddingIdx} (negative counts from the end, as PyTorch), that row starts at zero and gets no
 * gradient, so it stays a fixed "padding" vector while training.
 */
public class Embedding extends Module {
    private static final Arg<Embedding, Integer> NUM_EMBEDDINGS =
            Arg.positiveInt("numEmbeddings", Embedding::numEmbeddings);
    private static final Arg<Embedding, Integer> EMBEDDING_DIM =
            Arg.positiveInt("embeddingDim", Embedding::embeddingDim);
    private static final Arg<Embedding, Integer> PADDING_IDX = Arg.optionalInt("paddingIdx", Embedding::paddingIdx);
    /**
     * The registered module type: {@code {"type":"Embedding","numEmbeddings":1000,"embeddingDim":64}} in
     * architecture JSON ({@code "paddingIdx"} optional).
     */
    public static final ModuleType<Embedding> TYPE = ModuleType.of(
            Embedding.class,
            List.of(NUM_EMBEDDINGS, EMBEDDING_DIM, PADDING_IDX),
            (a, gen) -> new Embedding(a.get(NUM_EMBEDDINGS), a.get(EMBEDDING_DIM), a.get(PADDING_IDX), gen),
            a -> new StateShapes().add("weight", a.get(NUM_EMBEDDINGS), a.get(EMBEDDING_DIM)));

    private final int numEmbeddings, embeddingDim;
    private final Integer paddingIdx;

    /**
     * An embedding table, as {@code nn.Embedding(num_embeddings, embedding_dim, padding_idx)}, initialized as
     * PyTorch: every row from N(0, 1), then the padding row (if any) set to zero.
     *
     * @param numEmbeddings the number of rows (the vocabulary size), positive
     * @param embeddingDim the size of each vector, positive
     * @param paddingIdx the padding row in [−numEmbeddings, numEmbeddings), or null for none
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive or paddingIdx is out of range
     */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Generator gen) {
        if (numEmbeddings <= 0 || embeddingDim <= 0)
            throw new IllegalArgumentException("Embedding: numEmbeddings and embeddingDim must be positive, got "
                    + numEmbeddings + " and " + embeddingDim);
        if (paddingIdx != null && (paddingIdx < -numEmbeddings || paddingIdx >= numEmbeddings))
            throw new IllegalArgumentException("Embedding: paddingIdx must be within num_embeddings, in ["
                    + -numEmbeddings + ", " + numEmbeddings + "), got " + paddingIdx);
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx =
                paddingIdx == null || paddingIdx >= 0 ? paddingIdx : Integer.valueOf(paddingIdx + numEmbeddings);
        Parameter weight = registerParameter("weight", new Parameter(Tensor.zeros(numEmbeddings, embeddingDim)));
        Init.normal(weight, 0, 1, gen);
        if (this.paddingIdx != null) {
            try (var ignored = NoGrad.enter()) {
                int row = this.paddingIdx * embeddingDim;
                Arrays.fill(weight.data(), row, row + embeddingDim, 0f);
            }
        }
    }

    /**
     * An embedding table without a padding row, as {@code nn.Embedding(num_embeddings, embedding_dim)}; rows
     * initialized from N(0, 1).
     *
     * @param numEmbeddings the number of rows (the vocabulary size), positive
     * @param embeddingDim the size of each vector, positive
     * @param gen the generator the initialization draws from
     * @throws IllegalArgumentException if a size is not positive
     */
    public Embedding(int numEmbeddings, int embeddingDim, Generator gen) {
        this(numEmbeddings, embeddingDim, null, gen);
    }

    /** {@return the number of rows (the vocabulary size)} */
    public int numEmbeddings() {
        return numEmbeddings;
    }

    /** {@return the size of each vector} */
    public int embeddingDim() {
        return embeddingDim;
    }

    /** {@return the padding row, made non-negative; null if there is none} */
    public Integer paddingIdx() {
        return paddingIdx;
    }

    /** Whole-number float indices (below 2^24) of any shape S to rows, S + [embeddingDim]; see {@link #forward(IndexTensor)}. */
    @Override
    public Tensor forward(Tensor indices) {
        return F.embedding(indices, parameter("weight"), paddingIdx);
    }

    /**
     * Indices of any shape S to their rows, S + [embeddingDim]; exact for tables of any size.
     *
     * @param indices the row numbers, any shape S, each in [0, numEmbeddings)
     * @return the rows, shape S + [embeddingDim]
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Tensor forward(IndexTensor indices) {
        return F.embedding(indices, parameter("weight"), paddingIdx);
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
    }
}
