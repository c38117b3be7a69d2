package dev.myelin.testing;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * A one-input, two-output module for the tests (a VAE encoder's head): one Linear layer whose output is split
 * into a mean and a log-variance. Its typed method returns a record; since Java cannot overload
 * {@code forward(Tensor)} on the return type, it is named {@code encode}.
 */
public class TestGaussianHead extends Module {
    /** The two outputs. */
    public record Gaussian(Tensor mean, Tensor logVar) {}

    private static final Arg<TestGaussianHead, Integer> IN = Arg.positiveInt("in", TestGaussianHead::in);
    private static final Arg<TestGaussianHead, Integer> LATENT = Arg.positiveInt("latent", TestGaussianHead::latent);
    public static final ModuleType<TestGaussianHead> TYPE = ModuleType.of(
            TestGaussianHead.class,
            List.of(IN, LATENT),
            (a, gen) -> new TestGaussianHead(a.get(IN), a.get(LATENT), gen),
            a -> new StateShapes()
                    .add("proj.weight", 2 * a.get(LATENT), a.get(IN))
                    .add("proj.bias", 2 * a.get(LATENT)));

    private final int in, latent;

    public TestGaussianHead(int in, int latent, Generator gen) {
        this.in = in;
        this.latent = latent;
        registerModule("proj", new Linear(in, 2 * latent, gen));
    }

    public int in() {
        return in;
    }

    public int latent() {
        return latent;
    }

    public Gaussian encode(Tensor x) {
        Tensor h = namedChildren().get("proj").forward(x);
        return new Gaussian(h.narrow(1, 0, latent), h.narrow(1, latent, latent));
    }

    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 1, "input");
        return Outputs.of(encode(inputs[0]));
    }
}
