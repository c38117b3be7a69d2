package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registration, naming, modes, state dicts, weight sharing and printing of modules. */
class ModuleTest {

    @Test
    void mlpHasCourseNamesOrderAndParameterCount() {
        MLP mlp = new MLP(10, List.of(32, 16), 1, new Generator(0));
        assertThat(mlp.namedParameters().keySet())
                .containsExactly(
                        "model.0.weight",
                        "model.0.bias",
                        "model.2.weight",
                        "model.2.bias",
                        "model.4.weight",
                        "model.4.bias");
        assertThat(mlp.parameterCount())
                .isEqualTo(10 * 32 + 32 + 32 * 16 + 16 + 16 + 1)
                .isEqualTo(897);
        assertThat(mlp.namedParameters().get("model.0.weight").shape()).containsExactly(32, 10);
        assertThat(mlp.parameters()).hasSize(6).allMatch(Tensor::requiresGrad);
        assertThat(mlp.forward(Tensor.zeros(5, 10)).shape()).containsExactly(5, 1);
        assertThat(mlp.namedModules().keySet())
                .containsExactly("", "model", "model.0", "model.1", "model.2", "model.3", "model.4");
    }

    @Test
    void registrationOrderIsKeptAndBuffersAreNamed() {
        Sequential s = new Sequential(
                new Linear(3, 4, new Generator(1)),
                new BatchNorm1d(4),
                new ReLU(),
                new Linear(4, 2, false, new Generator(2)));
        assertThat(s.namedParameters().keySet())
                .containsExactly("0.weight", "0.bias", "1.weight", "1.bias", "3.weight");
        assertThat(s.namedBuffers().keySet())
                .containsExactly("1.running_mean", "1.running_var", "1.num_batches_tracked");
        assertThat(s.stateDict().keySet())
                .containsExactly(
                        "0.weight",
                        "0.bias",
                        "1.weight",
                        "1.bias",
                        "1.running_mean",
                        "1.running_var",
                        "1.num_batches_tracked",
                        "3.weight");
    }

    @Test
    void linearInitIsUniformWithinOneOverSqrtFanIn() {
        Linear l = new Linear(16, 64, new Generator(3));
        float bound = 1f / 4;
        for (float v : l.weight().data()) assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        for (float v : l.bias().data()) assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        // spread close to the uniform's: max |w| near the bound, std near bound/√3
        float max = 0;
        double ss = 0;
        for (float v : l.weight().data()) {
            max = Math.max(max, Math.abs(v));
            ss += v * v;
        }
        assertThat(max).isGreaterThan(0.95f * bound);
        assertThat(Math.sqrt(ss / l.weight().numel()))
                .isCloseTo(bound / Math.sqrt(3), org.assertj.core.data.Offset.offset(0.01));
        // same seed, same weights
        assertThat(new Linear(16, 64, new Generator(3)).weight().data())
                .containsExactly(l.weight().data());
    }

    @Test
    void trainEvalSwitchesDropoutAndBatchNorm() {
        Generator gen = new Generator(4);
        Sequential s = new Sequential(new Dropout(0.5, gen), new BatchNorm1d(3));
        assertThat(s.isTraining()).isTrue();
        Tensor x = Tensor.randn(gen, 8, 3);
        s.eval();
        assertThat(s.get(0).isTraining()).isFalse();
        assertThat(s.get(0).forward(x)).isSameAs(x);
        // eval BatchNorm with fresh stats (mean 0, var 1) is x/√(1+eps)
        assertThat(s.forward(x).allClose(x.div((float) Math.sqrt(1 + 1e-5)), 1e-6f, 1e-6f))
                .isTrue();
        s.train();
        Tensor y = s.get(0).forward(Tensor.ones(1000));
        int zeros = 0;
        for (float v : y.data()) {
            assertThat(v).isIn(0f, 2f);
            if (v == 0) zeros++;
        }
        assertThat(zeros).isBetween(430, 570);
        assertThat(s.get(1).buffer("num_batches_tracked").item()).isEqualTo(0f);
        s.forward(x);
        assertThat(s.get(1).buffer("num_batches_tracked").item()).isEqualTo(1f);
    }

    @Test
    void stateDictRoundTripCopiesValues() {
        Sequential a = new Sequential(new Linear(3, 4, new Generator(5)), new BatchNorm1d(4));
        Sequential b = new Sequential(new Linear(3, 4, new Generator(6)), new BatchNorm1d(4));
        a.forward(Tensor.randn(new Generator(7), 5, 3)); // moves a's running stats
        LinkedHashMap<String, Tensor> snapshot = new LinkedHashMap<>();
        a.stateDict().forEach((k, v) -> snapshot.put(k, v.copy()));
        b.loadStateDict(snapshot);
        for (var e : a.stateDict().entrySet())
            assertThat(b.stateDict().get(e.getKey()).data())
                    .containsExactly(e.getValue().data());
        // values are copied, not aliased
        snapshot.get("0.weight").data()[0] += 1;
        assertThat(b.stateDict().get("0.weight").data()[0])
                .isEqualTo(a.stateDict().get("0.weight").data()[0]);
        Tensor x = Tensor.randn(new Generator(8), 2, 3);
        a.eval();
        b.eval();
        assertThat(b.forward(x).data()).containsExactly(a.forward(x).data());
    }

    @Test
    void loadStateDictErrorsLeaveModuleUnchanged() {
        Sequential m = new Sequential(new Linear(3, 4, new Generator(9)), new Linear(4, 2, new Generator(10)));
        Map<String, float[]> before = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> before.put(k, v.toArray()));

        LinkedHashMap<String, Tensor> missing = fullState(m);
        missing.remove("1.bias");
        missing.get("0.weight").data()[0] = 99; // would be copied if loading were not all-or-nothing
        assertThatThrownBy(() -> m.loadStateDict(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Missing key(s)")
                .hasMessageContaining("1.bias");

        LinkedHashMap<String, Tensor> unexpected = fullState(m);
        unexpected.put("2.weight", Tensor.zeros(1));
        unexpected.get("0.bias").data()[0] = 99;
        assertThatThrownBy(() -> m.loadStateDict(unexpected))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unexpected key(s)")
                .hasMessageContaining("2.weight");

        LinkedHashMap<String, Tensor> wrongShape = fullState(m);
        wrongShape.put("1.weight", Tensor.zeros(4, 2));
        wrongShape.get("0.weight").data()[1] = 99;
        assertThatThrownBy(() -> m.loadStateDict(wrongShape))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.weight")
                .hasMessageContaining("[4, 2]")
                .hasMessageContaining("[2, 4]");

        m.stateDict().forEach((k, v) -> assertThat(v.data()).as(k).containsExactly(before.get(k)));
    }

    private static LinkedHashMap<String, Tensor> fullState(Module m) {
        LinkedHashMap<String, Tensor> s = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> s.put(k, v.copy()));
        return s;
    }

    @Test
    void sharedParameterGetsSumOfBothGradientsAndIsCountedOnce() {
        Generator gen = new Generator(11);
        Linear a = new Linear(3, 3, false, gen), b = new Linear(3, 3, false, gen);
        b.setParameter("weight", a.weight());
        Sequential s = new Sequential(a, new Tanh(), b);
        assertThat(s.parameters()).hasSize(1);
        assertThat(s.namedParameters().keySet()).containsExactly("0.weight");
        assertThat(s.stateDict().keySet()).containsExactly("0.weight", "2.weight"); // both names, as PyTorch
        assertThat(s.parameterCount()).isEqualTo(9);

        Tensor x = Tensor.randn(gen, 4, 3);
        s.forward(x).sum().backward();
        float[] shared = a.weight().grad().toArray();

        // the same network with two separate copies of W: the shared gradient is the sum of theirs
        Parameter w1 = new Parameter(a.weight()), w2 = new Parameter(a.weight());
        F.linear(F.linear(x, w1, null).tanh(), w2, null).sum().backward();
        for (int i = 0; i < shared.length; i++)
            assertThat(shared[i])
                    .isCloseTo(w1.grad().data()[i] + w2.grad().data()[i], org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(w1.grad().data()).isNotEqualTo(new float[9]);
        assertThat(w2.grad().data()).isNotEqualTo(new float[9]);

        s.zeroGrad();
        assertThat(a.weight().grad()).isNull();
    }

    @Test
    void applyVisitsChildrenFirst() {
        MLP mlp = new MLP(2, List.of(3), 1, Activation.TANH, new Generator(12));
        StringBuilder order = new StringBuilder();
        mlp.apply(m -> order.append(m.typeName()).append(' '));
        assertThat(order.toString().trim()).isEqualTo("Linear Tanh Linear Sequential MLP");
        mlp.apply(m -> {
            if (m instanceof Linear l)
                try (var ignored = NoGrad.enter()) {
                    Init.zeros(l.weight());
                }
        });
        assertThat(mlp.model().get(0).parameter("weight").data()).containsOnly(0f);
    }

    @Test
    void toStringMatchesPyTorchRepr() {
        Generator gen = new Generator(13);
        Sequential s = new Sequential(
                new Linear(10, 32, gen),
                new ReLU(),
                new Dropout(0.5, gen),
                new BatchNorm1d(32),
                new LeakyReLU(),
                new Linear(32, 1, false, gen));
        // printed by torch 1.13 for the same nn.Sequential
        assertThat(s.toString()).isEqualTo("""
                Sequential(
                  (0): Linear(in_features=10, out_features=32, bias=True)
                  (1): ReLU()
                  (2): Dropout(p=0.5, inplace=False)
                  (3): BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                  (4): LeakyReLU(negative_slope=0.01)
                  (5): Linear(in_features=32, out_features=1, bias=False)
                )""");
        assertThat(new MLP(10, List.of(32), 1, gen).toString()).isEqualTo("""
                MLP(
                  (model): Sequential(
                    (0): Linear(in_features=10, out_features=32, bias=True)
                    (1): ReLU()
                    (2): Linear(in_features=32, out_features=1, bias=True)
                  )
                )""");
        assertThat(new LayerNorm(8).toString()).isEqualTo("LayerNorm((8,), eps=1e-05, elementwise_affine=True)");
        assertThat(new Softplus().toString()).isEqualTo("Softplus(beta=1, threshold=20)");
        assertThat(new ELU().toString()).isEqualTo("ELU(alpha=1.0)");
        assertThat(new GELU().toString()).isEqualTo("GELU(approximate='none')");
        assertThat(new Softmax(1).toString()).isEqualTo("Softmax(dim=1)");
        assertThat(new Flatten().toString()).isEqualTo("Flatten(start_dim=1, end_dim=-1)");
        assertThat(new Embedding(10, 3, gen).toString()).isEqualTo("Embedding(10, 3)");
    }

    @Test
    void summaryListsShapesAndCounts() {
        String s = new MLP(10, List.of(32, 16), 1, new Generator(14)).summary();
        assertThat(s)
                .contains("model.0.weight")
                .contains("[32, 10]")
                .contains("320")
                .contains("total parameters: 897 (trainable: 897)");
    }

    @Test
    void registrationRejectsBadNames() {
        assertThatThrownBy(() -> new Sequential() {
                    {
                        registerParameter("a.b", new Parameter(Tensor.zeros(1)));
                    }
                })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.b");
    }
}
