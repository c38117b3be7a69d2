package dev.myelin.nn;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/** Inverted dropout with probability p in training, the identity in eval mode, as {@code nn.Dropout}. */
public class Dropout extends Module implements Stochastic {
    private static final Arg<Dropout, Double> P = Arg.number("p", 0.5, Dropout::p);
    /** The registered module type: {@code {"type":"Dropout","p":0.5}} in architecture JSON. */
    public static final ModuleType<Dropout> TYPE =
            ModuleType.of(Dropout.class, List.of(P), (a, gen) -> new Dropout(a.get(P), gen), a -> new StateShapes());

    private final double p;
    /** The run's seeded generator; subclasses (channel dropout) draw their masks from it too. */
    protected final Generator gen;

    /**
     * A dropout layer, as {@code nn.Dropout(p)}: in training each element is zeroed with probability p and the
     * rest scaled by 1/(1−p); the identity in eval mode.
     *
     * @param p the probability of zeroing an element, in [0, 1] (PyTorch's default is 0.5)
     * @param gen the run's seeded generator the masks are drawn from
     * @throws IllegalArgumentException if p is outside [0, 1] or gen is null
     */
    public Dropout(double p, Generator gen) {
        this("Dropout", p, gen);
    }

    /**
     * For the dropout variants (as PyTorch's {@code _DropoutNd}): the same checks, naming the layer.
     *
     * @param layer the layer's name for messages, e.g. {@code "Dropout2d"}
     * @param p the probability of zeroing, in [0, 1]
     * @param gen the run's seeded generator the masks are drawn from
     * @throws IllegalArgumentException if p is outside [0, 1] or gen is null
     */
    protected Dropout(String layer, double p, Generator gen) {
        if (!(p >= 0 && p <= 1))
            throw new IllegalArgumentException(layer + ": probability p must be in [0, 1], got " + p);
        if (gen == null)
            throw new IllegalArgumentException(layer + ": generator is null; pass the run's seeded Generator");
        this.p = p;
        this.gen = gen;
    }

    /** {@return the probability of zeroing an element} */
    public double p() {
        return p;
    }

    @Override
    public Generator generator() {
        return gen;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, isTraining(), gen);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Repr.pyFloat(p) + ", inplace=False";
    }
}
