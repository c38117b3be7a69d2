package dev.myelin.testing;

import dev.myelin.nn.Arg;
import dev.myelin.nn.Init;
import dev.myelin.nn.Module;
import dev.myelin.nn.ModuleType;
import dev.myelin.nn.Outputs;
import dev.myelin.nn.Parameter;
import dev.myelin.nn.StateShapes;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;

/**
 * A two-input module for the tests, as {@code nn.Bilinear}: y = x1ᵀ·A·x2 + b with weight [out, in1, in2].
 * It shows the pattern for multi-input modules: a typed {@code forward(x1, x2)}, {@code call} dispatching to
 * it, and a registered {@link ModuleType} so that architecture JSON and model files know it.
 */
public class TestBilinear extends Module {
    private static final Arg<TestBilinear, Integer> IN1 = Arg.positiveInt("in1Features", TestBilinear::in1);
    private static final Arg<TestBilinear, Integer> IN2 = Arg.positiveInt("in2Features", TestBilinear::in2);
    private static final Arg<TestBilinear, Integer> OUT = Arg.positiveInt("outFeatures", TestBilinear::out);
    public static final ModuleType<TestBilinear> TYPE = ModuleType.of(
            TestBilinear.class,
            List.of(IN1, IN2, OUT),
            (a, gen) -> new TestBilinear(a.get(IN1), a.get(IN2), a.get(OUT), gen),
            a -> new StateShapes()
                    .add("weight", a.get(OUT), a.get(IN1), a.get(IN2))
                    .add("bias", a.get(OUT)));

    private final int in1, in2, out;

    public TestBilinear(int in1, int in2, int out, Generator gen) {
        this.in1 = in1;
        this.in2 = in2;
        this.out = out;
        double bound = 1 / Math.sqrt(in1); // PyTorch's Bilinear init
        Init.uniform(registerParameter("weight", new Parameter(Tensor.zeros(out, in1, in2))), -bound, bound, gen);
        Init.uniform(registerParameter("bias", new Parameter(Tensor.zeros(out))), -bound, bound, gen);
    }

    public int in1() {
        return in1;
    }

    public int in2() {
        return in2;
    }

    public int out() {
        return out;
    }

    /** [N, in1] and [N, in2] to [N, out]. */
    public Tensor forward(Tensor x1, Tensor x2) {
        int n = x1.size(0);
        Tensor t = x2.matmul(parameter("weight").reshape(out * in1, in2).t()); // [N, out·in1]: (A·x2) for every o
        return t.reshape(n, out, in1).mul(x1.unsqueeze(1)).sum(2).add(parameter("bias"));
    }

    @Override
    public Outputs call(Tensor... inputs) {
        checkInputs(inputs, 2, "input1", "input2");
        return Outputs.of(forward(inputs[0], inputs[1]));
    }
}
