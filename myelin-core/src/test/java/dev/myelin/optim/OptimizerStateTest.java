package dev.myelin.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** State dicts: save → load into a fresh optimizer → bit-identical continuation; loads are validated. */
class OptimizerStateTest {
    static List<Tensor> params() {
        Generator gen = new Generator(7);
        return List.of(
                Tensor.randn(gen, 2, 3).requiresGrad(true), Tensor.randn(gen, 4).requiresGrad(true));
    }

    static void setGrads(List<Tensor> ps, int step) {
        Generator gen = new Generator(100 + step);
        for (Tensor p : ps) p.setGrad(Tensor.randn(gen, p.shape()));
    }

    static List<Tensor> copies(List<Tensor> ps) {
        return ps.stream().map(p -> p.copy().requiresGrad(true)).toList();
    }

    void assertIdenticalContinuation(Function<List<Tensor>, Optimizer> make) {
        List<Tensor> a = params();
        Optimizer optA = make.apply(a);
        for (int s = 0; s < 3; s++) {
            setGrads(a, s);
            optA.step();
        }
        Map<String, Tensor> saved = optA.stateDict();
        List<Tensor> b = copies(a);
        Optimizer optB = make.apply(b);
        optB.setLearningRate(0.5); // overwritten by the load
        optB.loadStateDict(saved);
        assertThat(optB.learningRate()).isEqualTo(optA.learningRate());
        for (int s = 3; s < 6; s++) {
            setGrads(a, s);
            setGrads(b, s);
            optA.step();
            optB.step();
        }
        for (int i = 0; i < a.size(); i++)
            assertThat(b.get(i).data())
                    .as(optA.toString())
                    .containsExactly(a.get(i).data());
    }

    @Test
    void everyOptimizerContinuesIdenticallyAfterReload() {
        assertIdenticalContinuation(ps -> new GradientDescent(ps, 0.05));
        assertIdenticalContinuation(
                ps -> new SGD(ps, 0.1).momentum(0.9).nesterov(true).weightDecay(1e-3));
        assertIdenticalContinuation(ps -> new Adam(ps, 0.01).amsgrad(true).weightDecay(0.1));
        assertIdenticalContinuation(ps -> new AdamW(ps, 0.01));
        assertIdenticalContinuation(ps -> new RMSprop(ps, 0.01).centered(true).momentum(0.5));
        assertIdenticalContinuation(ps -> new Adagrad(ps, 0.1).lrDecay(0.01).initialAccumulatorValue(0.1));
    }

    @Test
    void stateDictUsesPyTorchNames() {
        List<Tensor> ps = params();
        Adam adam = new Adam(ps, 0.01).amsgrad(true);
        setGrads(ps, 0);
        adam.step();
        Map<String, Tensor> sd = adam.stateDict();
        assertThat(sd)
                .containsKeys(
                        "state.0.step",
                        "state.0.exp_avg",
                        "state.0.exp_avg_sq",
                        "state.0.max_exp_avg_sq",
                        "state.1.exp_avg",
                        "param_groups.0.lr",
                        "param_groups.0.betas",
                        "param_groups.0.eps",
                        "param_groups.0.weight_decay",
                        "param_groups.0.amsgrad");
        assertThat(sd.get("state.0.exp_avg").shape()).containsExactly(2, 3);
        assertThat(sd.get("state.1.step").item()).isEqualTo(1);
        assertThat(sd.get("param_groups.0.betas").toArray()).containsExactly(0.9f, 0.999f);
        // a copy: changing the dict does not change the optimizer
        sd.get("state.0.exp_avg").data()[0] = 1234;
        assertThat(adam.state(0).buffer("exp_avg")[0]).isNotEqualTo(1234);
    }

    @Test
    void loadRejectsWrongShapesNamingKeyAndShapes() {
        List<Tensor> ps = params();
        Adam adam = new Adam(ps, 0.01);
        setGrads(ps, 0);
        adam.step();
        Map<String, Tensor> sd = new java.util.LinkedHashMap<>(adam.stateDict());
        sd.put("state.0.exp_avg", Tensor.zeros(3, 2));
        Adam fresh = new Adam(copies(ps), 0.02);
        assertThatThrownBy(() -> fresh.loadStateDict(sd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state.0.exp_avg")
                .hasMessageContaining("[3, 2]")
                .hasMessageContaining("[2, 3]");
        assertThat(fresh.learningRate()).isEqualTo(0.02f); // nothing changed
        assertThat(fresh.state(0)).isNull();
    }

    @Test
    void loadRejectsStateOfAnotherOptimizerOrParameterList() {
        List<Tensor> ps = params();
        SGD sgd = new SGD(ps, 0.1).momentum(0.9);
        setGrads(ps, 0);
        sgd.step();
        Map<String, Tensor> sd = sgd.stateDict();
        assertThatThrownBy(() -> new Adam(copies(ps)).loadStateDict(sd))
                .hasMessageContaining("momentum")
                .hasMessageContaining("Adam does not have");
        assertThatThrownBy(() -> new SGD(List.of(ps.get(0).copy().requiresGrad(true)), 0.1).loadStateDict(sd))
                .hasMessageContaining("state.1.")
                .hasMessageContaining("parameter index");
        Map<String, Tensor> noLr = new java.util.LinkedHashMap<>(sd);
        noLr.remove("param_groups.0.lr");
        assertThatThrownBy(() -> new SGD(copies(ps), 0.1).loadStateDict(noLr))
                .hasMessageContaining("param_groups.0.lr")
                .hasMessageContaining("missing");
        Map<String, Tensor> badStep = new java.util.LinkedHashMap<>(sd);
        badStep.put("state.0.step", Tensor.scalar(1.5f));
        assertThatThrownBy(() -> new SGD(copies(ps), 0.1).momentum(0.9).loadStateDict(badStep))
                .hasMessageContaining("state.0.step");
        Map<String, Tensor> badLr = new java.util.LinkedHashMap<>(sd);
        badLr.put("param_groups.0.lr", Tensor.scalar(-1));
        SGD target = new SGD(copies(ps), 0.3);
        assertThatThrownBy(() -> target.loadStateDict(badLr)).hasMessageContaining("lr");
        assertThat(target.learningRate()).isEqualTo(0.3f);
        assertThat(target.momentum()).isZero();
    }

    @Test
    void badHyperparametersAreRejectedNamingTheArgument() {
        List<Tensor> ps = params();
        assertThatThrownBy(() -> new SGD(ps, -0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lr")
                .hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new Adam(ps, Double.NaN))
                .hasMessageContaining("lr")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Adam(ps).betas(1.0, 0.999))
                .hasMessageContaining("betas[0]")
                .hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> new Adam(ps).betas(0.9, -0.1)).hasMessageContaining("betas[1]");
        assertThatThrownBy(() -> new AdamW(ps).betas(0.9, Double.NaN)).hasMessageContaining("betas[1]");
        assertThatThrownBy(() -> new Adam(ps).eps(-1e-8)).hasMessageContaining("eps");
        assertThatThrownBy(() -> new SGD(ps, 0.1).momentum(-0.5)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new SGD(ps, 0.1).weightDecay(Double.NaN)).hasMessageContaining("weightDecay");
        assertThatThrownBy(() -> new RMSprop(ps).alpha(1.5)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new Adagrad(ps).lrDecay(-1)).hasMessageContaining("lrDecay");
        assertThatThrownBy(() -> new Adagrad(ps).initialAccumulatorValue(-1))
                .hasMessageContaining("initialAccumulatorValue");
        SGD nesterovWithoutMomentum = new SGD(ps, 0.1).nesterov(true);
        setGrads(ps, 0);
        assertThatThrownBy(nesterovWithoutMomentum::step)
                .hasMessageContaining("nesterov")
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> new SGD(List.of(), 0.1)).hasMessageContaining("params is empty");
        Tensor leaf = Tensor.ones(2).requiresGrad(true);
        assertThatThrownBy(() -> new SGD(List.of(leaf.mul(2f)), 0.1)).hasMessageContaining("not a leaf");
        assertThatThrownBy(() -> new SGD(List.of(leaf, leaf), 0.1)).hasMessageContaining("more than once");
    }
}
