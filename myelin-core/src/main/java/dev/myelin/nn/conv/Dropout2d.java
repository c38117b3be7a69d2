package dev.myelin.nn.conv;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Dropout;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * Channel dropout, as {@code nn.Dropout2d(p=0.5)}: in training each whole channel of [N, C, H, W] is zeroed with
 * probability p and the rest scaled by 1/(1−p) (neighbouring pixels are correlated, so dropping single pixels
 * regularizes little); the identity in eval mode. Draws come from the run's seeded {@link Generator}.
 */
public class Dropout2d extends Dropout {
    private static final Arg<Dropout2d, Double> P = Arg.number("p", 0.5, Dropout2d::p);
    /** The architecture-JSON type: {@code {"type":"Dropout2d","p":0.25}} (p defaults to 0.5). */
    public static final ModuleType<Dropout2d> TYPE = ModuleType.of(
            Dropout2d.class, List.of(P), (a, gen) -> new Dropout2d(a.get(P), gen), a -> new StateShapes());

    /**
     * Channel dropout with probability {@code p} (PyTorch's default 0.5).
     *
     * @param p   the probability that a channel is zeroed, in [0, 1]
     * @param gen the run's seeded generator, which the masks are drawn from
     * @throws IllegalArgumentException if {@code p} is out of range or {@code gen} is null
     */
    public Dropout2d(double p, Generator gen) {
        super("Dropout2d", p, gen);
    }

    @Override
    public Tensor forward(Tensor input) {
        return ImageF.dropout2d("Dropout2d", input, p(), isTraining(), gen);
    }
}
