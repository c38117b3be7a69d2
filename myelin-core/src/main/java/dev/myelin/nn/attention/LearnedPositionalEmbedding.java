package dev.myelin.nn.attention;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Init;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * A learned vector per position added to the input: an embedding table {@code weight} [maxLen, d] (initialized
 * N(0, 1), as {@code nn.Embedding}, or N(0, initStd²): GPT-2 and ViT start positions at std 0.02, so that they do not
 * drown a small input embedding) whose first T rows are added to a sequence of length T, as
 * {@code x + nn.Embedding(maxLen, d)(torch.arange(T))}. Input [T, N, d], or [N, T, d] with batchFirst.
 */
public class LearnedPositionalEmbedding extends Module {
    private static final Arg<LearnedPositionalEmbedding, Integer> MAX_LEN =
            Arg.positiveInt("maxLen", LearnedPositionalEmbedding::maxLen);
    private static final Arg<LearnedPositionalEmbedding, Integer> D_MODEL =
            Arg.positiveInt("dModel", LearnedPositionalEmbedding::dModel);
    private static final Arg<LearnedPositionalEmbedding, Boolean> BATCH_FIRST =
            Arg.bool("batchFirst", false, LearnedPositionalEmbedding::batchFirst);
    private static final Arg<LearnedPositionalEmbedding, Double> INIT_STD =
            Arg.number("initStd", 1.0, LearnedPositionalEmbedding::initStd);
    /** {@code {"type":"LearnedPositionalEmbedding","maxLen":28,"dModel":64,"batchFirst":true}}. */
    public static final ModuleType<LearnedPositionalEmbedding> TYPE = ModuleType.of(
            LearnedPositionalEmbedding.class,
            List.of(MAX_LEN, D_MODEL, BATCH_FIRST, INIT_STD),
            (a, gen) -> new LearnedPositionalEmbedding(
                    a.get(MAX_LEN), a.get(D_MODEL), a.get(BATCH_FIRST), a.get(INIT_STD), gen),
            a -> new StateShapes().add("weight", a.get(MAX_LEN), a.get(D_MODEL)));

    private final int maxLen, dModel;
    private final boolean batchFirst;
    private final double initStd;

    /**
     * Positions initialized N(0, 1), as {@code nn.Embedding(maxLen, dModel)}.
     *
     * @param maxLen     the longest sequence, {@code > 0}
     * @param dModel     d, the width of the input, {@code > 0}
     * @param batchFirst whether the input is [N, T, d] instead of [T, N, d]
     * @param gen        the run's seeded generator, for the initialization
     * @throws IllegalArgumentException if a size is not positive
     */
    public LearnedPositionalEmbedding(int maxLen, int dModel, boolean batchFirst, Generator gen) {
        this(maxLen, dModel, batchFirst, 1.0, gen);
    }

    /**
     * Positions initialized N(0, initStd²).
     *
     * @param maxLen     the longest sequence, {@code > 0}
     * @param dModel     d, the width of the input, {@code > 0}
     * @param batchFirst whether the input is [N, T, d] instead of [T, N, d]
     * @param initStd    the standard deviation of the initial weights, finite and {@code >= 0} (1 as nn.Embedding;
     *     0.02 as GPT-2)
     * @param gen        the run's seeded generator, for the initialization
     * @throws IllegalArgumentException if a size is not positive, {@code initStd} is out of range or {@code gen} is null
     */
    public LearnedPositionalEmbedding(int maxLen, int dModel, boolean batchFirst, double initStd, Generator gen) {
        if (!(initStd >= 0) || Double.isInfinite(initStd))
            throw new IllegalArgumentException(
                    "LearnedPositionalEmbedding: initStd must be a finite number >= 0, got " + initStd);
        if (maxLen <= 0 || dModel <= 0)
            throw new IllegalArgumentException(
                    "LearnedPositionalEmbedding: maxLen and dModel must be positive, got " + maxLen + " and " + dModel);
        if (gen == null)
            throw new IllegalArgumentException(
                    "LearnedPositionalEmbedding: generator is null; pass the run's seeded Generator");
        this.maxLen = maxLen;
        this.dModel = dModel;
        this.batchFirst = batchFirst;
        this.initStd = initStd;
        Init.normal(registerParameter("weight", new Parameter(Tensor.zeros(maxLen, dModel))), 0, initStd, gen);
    }

    /** {@return the longest sequence, the rows of {@code weight}} */
    public int maxLen() {
        return maxLen;
    }

    /** {@return d, the width of the input} */
    public int dModel() {
        return dModel;
    }

    /** {@return whether the input is [N, T, d]} */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** {@return the standard deviation the weights were initialized with} */
    public double initStd() {
        return initStd;
    }

    @Override
    public Tensor forward(Tensor x) {
        int t = x.dim() == 3 ? x.size(batchFirst ? 1 : 0) : -1;
        if (x.dim() != 3 || x.size(2) != dModel || t > maxLen)
            throw new ShapeMismatchException(
                    "LearnedPositionalEmbedding: input shape " + Shapes.str(x.shape()) + " must be "
                            + (batchFirst ? "[N, T, " : "[T, N, ") + dModel + "] with T at most maxLen " + maxLen);
        Tensor pos = parameter("weight").narrow(0, 0, t); // [T, d]
        return x.add(batchFirst ? pos : pos.reshape(t, 1, dModel));
    }

    @Override
    protected String extraRepr() {
        return maxLen + ", " + dModel + (batchFirst ? ", batch_first=True" : "");
    }
}
