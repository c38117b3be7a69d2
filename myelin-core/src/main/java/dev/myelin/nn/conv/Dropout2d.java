package dev.myelin.nn.conv;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Repr;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

import java.util.List;

/**
 * Channel dropout, as {@code nn.Dropout2d(p=0.5)}: in training each whole channel of [N, C, H, W] is zeroed with
 * probability p and the rest scaled by 1/(1−p) (neighbouring pixels are correlated, so dropping single pixels
 * regularizes little); the identity in eval mode. Draws come from the run's seeded {@link Generator}.
 */
public class Dropout2d extends Module {
    private static final Arg<Dropout2d, Double> P = Arg.number("p", 0.5, Dropout2d::p);
    public static final ModuleType<Dropout2d> TYPE = ModuleType.of(Dropout2d.class, List.of(P), (a, gen) -> new Dropout2d(a.get(P), gen),
            a -> new StateShapes());

    private final double p;
    private final Generator gen;

    public Dropout2d(double p, Generator gen) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Dropout2d: probability p must be in [0, 1], got " + p);
        if (gen == null) throw new IllegalArgumentException("Dropout2d: generator is null; pass the run's seeded Generator");
        this.p = p;
        this.gen = gen;
    }

    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return ImageF.dropout2d("Dropout2d", input, p, isTraining(), gen);
    }

    @Override
    protected String extraRepr() {
        return "p=" + Repr.pyFloat(p) + ", inplace=False";
    }
}
