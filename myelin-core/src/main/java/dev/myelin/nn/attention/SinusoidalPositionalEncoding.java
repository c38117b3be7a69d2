package dev.myelin.nn.attention;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Adds the fixed sine/cosine table of "Attention is all you need" to its input, then dropout, as the PyTorch
 * tutorial's {@code PositionalEncoding}: pe[pos, 2i] = sin(pos/10000^(2i/d)), pe[pos, 2i+1] = cos(pos/10000^(2i/d)),
 * kept as the buffer {@code pe} [maxLen, 1, d] (in the state dict, as the tutorial's). Input [T, N, d], or [N, T, d]
 * with batchFirst.
 */
public class SinusoidalPositionalEncoding extends Module {
    private static final Arg<SinusoidalPositionalEncoding, Integer> D_MODEL =
            Arg.positiveInt("dModel", SinusoidalPositionalEncoding::dModel);
    private static final Arg<SinusoidalPositionalEncoding, Double> DROPOUT =
            Arg.number("dropout", 0.1, SinusoidalPositionalEncoding::dropout);
    private static final Arg<SinusoidalPositionalEncoding, Integer> MAX_LEN =
            Arg.positiveInt("maxLen", 5000, SinusoidalPositionalEncoding::maxLen);
    private static final Arg<SinusoidalPositionalEncoding, Boolean> BATCH_FIRST =
            Arg.bool("batchFirst", false, SinusoidalPositionalEncoding::batchFirst);
    /** {@code {"type":"SinusoidalPositionalEncoding","dModel":64,"dropout":0.1,"maxLen":512,"batchFirst":true}}. */
    public static final ModuleType<SinusoidalPositionalEncoding> TYPE = ModuleType.of(
            SinusoidalPositionalEncoding.class,
            List.of(D_MODEL, DROPOUT, MAX_LEN, BATCH_FIRST),
            (a, gen) -> new SinusoidalPositionalEncoding(
                    a.get(D_MODEL), a.get(DROPOUT), a.get(MAX_LEN), a.get(BATCH_FIRST), gen),
            a -> new StateShapes().add("pe", a.get(MAX_LEN), 1, a.get(D_MODEL)));

    private final int dModel, maxLen;
    private final boolean batchFirst;
    private final Dropout dropout;

    /**
     * The tutorial's {@code PositionalEncoding(d_model, dropout=0.1, max_len=5000)}, plus the layout.
     *
     * @param dModel     d, the width of the input, {@code > 0}
     * @param dropout    the dropout probability after the addition, in [0, 1] (the tutorial's default 0.1)
     * @param maxLen     the longest sequence, {@code > 0} (default 5000)
     * @param batchFirst whether the input is [N, T, d] instead of [T, N, d]
     * @param gen        the run's seeded generator, for the dropout
     * @throws IllegalArgumentException if a size is not positive, the table would exceed 2³¹ − 1 values, the
     *     dropout is out of range or {@code gen} is null
     */
    public SinusoidalPositionalEncoding(int dModel, double dropout, int maxLen, boolean batchFirst, Generator gen) {
        if (dModel <= 0 || maxLen <= 0)
            throw new IllegalArgumentException("SinusoidalPositionalEncoding: dModel and maxLen must be positive, got "
                    + dModel + " and " + maxLen);
        if ((long) dModel * maxLen > Integer.MAX_VALUE)
            throw new IllegalArgumentException(
                    "SinusoidalPositionalEncoding: dModel " + dModel + " × maxLen " + maxLen + " is too large a table");
        this.dModel = dModel;
        this.maxLen = maxLen;
        this.batchFirst = batchFirst;
        this.dropout = registerModule("dropout", new Dropout(dropout, gen));
        registerBuffer("pe", table(maxLen, dModel));
    }

    /** The table [maxLen, 1, d]: the angle pos·e^(2i·(−ln 10000/d)) computed as the tutorial does (in float). */
    static Tensor table(int maxLen, int d) {
        float[] pe = new float[maxLen * d];
        for (int i = 0; 2 * i < d; i++) {
            float div = (float) Math.exp((2 * i) * (-Math.log(10000.0) / d));
            for (int pos = 0; pos < maxLen; pos++) {
                float angle = pos * div;
                pe[pos * d + 2 * i] = (float) Math.sin(angle);
                if (2 * i + 1 < d) pe[pos * d + 2 * i + 1] = (float) Math.cos(angle);
            }
        }
        return new Tensor(pe, maxLen, 1, d);
    }

    /** {@return d, the width of the input} */
    public int dModel() {
        return dModel;
    }

    /** {@return the dropout probability after the addition} */
    public double dropout() {
        return dropout.p();
    }

    /** {@return the longest sequence the table covers} */
    public int maxLen() {
        return maxLen;
    }

    /** {@return whether the input is [N, T, d]} */
    public boolean batchFirst() {
        return batchFirst;
    }

    @Override
    public Tensor forward(Tensor x) {
        int t = x.dim() == 3 ? x.size(batchFirst ? 1 : 0) : -1;
        if (x.dim() != 3 || x.size(2) != dModel || t > maxLen)
            throw new ShapeMismatchException(
                    "SinusoidalPositionalEncoding: input shape " + Shapes.str(x.shape()) + " must be "
                            + (batchFirst ? "[N, T, " : "[T, N, ") + dModel + "] with T at most maxLen " + maxLen);
        Tensor pe = buffer("pe").narrow(0, 0, t); // [T, 1, d]
        return dropout.forward(x.add(batchFirst ? pe.reshape(1, t, dModel) : pe));
    }

    @Override
    protected String extraRepr() {
        return "d_model=" + dModel + ", max_len=" + maxLen + (batchFirst ? ", batch_first=True" : "");
    }
}
