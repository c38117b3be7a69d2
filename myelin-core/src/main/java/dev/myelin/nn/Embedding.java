package dev.myelin.nn;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

import java.util.List;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code embeddingDim}, initialized N(0, 1),
 * as {@code nn.Embedding}. The input holds whole-number indices (as floats) of any shape.
 */
public class Embedding extends Module {
    private static final Arg<Embedding, Integer> NUM_EMBEDDINGS = Arg.positiveInt("numEmbeddings", Embedding::numEmbeddings);
    private static final Arg<Embedding, Integer> EMBEDDING_DIM = Arg.positiveInt("embeddingDim", Embedding::embeddingDim);
    public static final ModuleType<Embedding> TYPE = ModuleType.of(Embedding.class, List.of(NUM_EMBEDDINGS, EMBEDDING_DIM),
            (a, gen) -> new Embedding(a.get(NUM_EMBEDDINGS), a.get(EMBEDDING_DIM), gen),
            a -> new StateShapes().add("weight", a.get(NUM_EMBEDDINGS), a.get(EMBEDDING_DIM)));

    private final int numEmbeddings, embeddingDim;

    public Embedding(int numEmbeddings, int embeddingDim, Generator gen) {
        if (numEmbeddings <= 0 || embeddingDim <= 0)
            throw new IllegalArgumentException("Embedding: numEmbeddings and embeddingDim must be positive, got " + numEmbeddings + " and " + embeddingDim);
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        Init.normal(registerParameter("weight", new Parameter(Tensor.zeros(numEmbeddings, embeddingDim))), 0, 1, gen);
    }

    public int numEmbeddings() {
        return numEmbeddings;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    @Override
    public Tensor forward(Tensor indices) {
        return F.embedding(indices, parameter("weight"));
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim;
    }
}
