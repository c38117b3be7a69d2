package dev.myelin.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Two parameter groups with different settings, and every scheduler on two groups, against torch 1.13
 * (src/test/python/optim_groups_schedulers.py, which builds the same cases with the same names).
 */
class GroupsAndSchedulersFixtureTest {
    static final JsonNode FIXTURE = Fixtures.load("optim_groups_schedulers");

    static ParamGroup group(Tensor p) {
        return ParamGroup.of(List.of(p));
    }

    static final Map<String, BiFunction<Tensor, Tensor, Optimizer>> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put(
                "sgd",
                (a, b) -> new SGD(
                                List.of(
                                        group(a),
                                        group(b).lr(0.05)
                                                .set("weightDecay", 0.1)
                                                .set("momentum", 0.5)
                                                .set("dampening", 0.1)),
                                0.1)
                        .momentum(0.9));
        OPTIMIZERS.put(
                "sgd_nesterov",
                (a, b) -> new SGD(List.of(group(a).set("nesterov", true), group(b).lr(0.2)), 0.1)
                        .momentum(0.9)
                        .weightDecay(0.01));
        OPTIMIZERS.put(
                "adam",
                (a, b) -> new Adam(
                        List.of(
                                group(a),
                                group(b).lr(0.01)
                                        .set("betas", 0.8, 0.99)
                                        .set("weightDecay", 0.1)
                                        .set("amsgrad", true)),
                        0.1));
        OPTIMIZERS.put(
                "adamw",
                (a, b) -> new AdamW(
                        List.of(
                                group(a).set("weightDecay", 0.5),
                                group(b).lr(0.02).set("betas", 0.85, 0.95)),
                        0.1));
        OPTIMIZERS.put(
                "rmsprop",
                (a, b) -> new RMSprop(
                        List.of(
                                group(a),
                                group(b).lr(0.005).set("momentum", 0.5).set("centered", true)),
                        0.01));
        // PyTorch's key (lr_decay) is accepted as well as the camelCase name
        OPTIMIZERS.put(
                "adagrad",
                (a, b) -> new Adagrad(
                                List.of(group(a), group(b).set("lr_decay", 0.1).set("eps", 1e-3)), 0.1)
                        .initialAccumulatorValue(0.2));
    }

    @Test
    void optimizersWithTwoGroupsMatchTorch() {
        assertThat(FIXTURE.get("optimizers").size()).isEqualTo(OPTIMIZERS.size());
        OPTIMIZERS.forEach((name, make) -> {
            JsonNode c = FIXTURE.get("optimizers").get(name);
            Tensor a = Fixtures.tensor(c.get("start").get(0)).requiresGrad(true),
                    b = Fixtures.tensor(c.get("start").get(1)).requiresGrad(true);
            Optimizer opt = make.apply(a, b);
            for (int k = 0; k < c.get("steps").size(); k++) {
                a.setGrad(Fixtures.tensor(c.get("grads").get(k).get(0)));
                b.setGrad(Fixtures.tensor(c.get("grads").get(k).get(1)));
                opt.step();
                assertClose(
                        a.data(),
                        Fixtures.floats(c.get("steps").get(k).get(0).get("data")),
                        name + " step " + (k + 1) + " a");
                assertClose(
                        b.data(),
                        Fixtures.floats(c.get("steps").get(k).get(1).get("data")),
                        name + " step " + (k + 1) + " b");
            }
        });
    }

    static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++)
            assertThat(actual[i])
                    .as("%s[%d]", what, i)
                    .isCloseTo(expected[i], within(2e-6f + 1e-6f * Math.abs(expected[i])));
    }

    // ---------------------------------------------------------------- schedulers

    /** Same optimizers as the script's two_groups(): group 1 has its own lr (and betas for Adam). */
    static Optimizer twoGroups(boolean adam) {
        Tensor a = Tensor.zeros(2, 3).requiresGrad(true), b = Tensor.zeros(4).requiresGrad(true);
        if (adam) return new Adam(List.of(group(a), group(b).lr(0.002).set("betas", 0.9, 0.98)), 0.01);
        return new SGD(List.of(group(a), group(b).lr(0.02)), 0.1).momentum(0.9);
    }

    record Case(Function<Optimizer, List<LRScheduler>> make, boolean adam, Map<Integer, Double> manual) {
        Case(Function<Optimizer, List<LRScheduler>> make) {
            this(make, false, Map.of());
        }
    }

    static final Map<String, Case> SCHEDULERS = new LinkedHashMap<>();

    static {
        SCHEDULERS.put("step", new Case(o -> List.of(new StepLR(o, 3, 0.5))));
        SCHEDULERS.put("multistep", new Case(o -> List.of(new MultiStepLR(o, new int[] {2, 5, 5, 9}, 0.3))));
        SCHEDULERS.put("exponential", new Case(o -> List.of(new ExponentialLR(o, 0.9))));
        SCHEDULERS.put("cosine", new Case(o -> List.of(new CosineAnnealingLR(o, 6, 0.001))));
        SCHEDULERS.put("cosine_eta0", new Case(o -> List.of(new CosineAnnealingLR(o, 5))));
        SCHEDULERS.put("linear", new Case(o -> List.of(new LinearLR(o))));
        SCHEDULERS.put("linear_decay", new Case(o -> List.of(new LinearLR(o, 0.5, 0.2, 8))));
        SCHEDULERS.put(
                "lambda", new Case(o -> List.of(new LambdaLR(o, List.of(e -> Math.pow(0.95, e), e -> 1.0 / (1 + e))))));
        SCHEDULERS.put("warm_restarts", new Case(o -> List.of(new CosineAnnealingWarmRestarts(o, 3, 2, 0.001))));
        SCHEDULERS.put("warm_restarts_tmult1", new Case(o -> List.of(new CosineAnnealingWarmRestarts(o, 4))));
        SCHEDULERS.put(
                "chained_step_exponential", new Case(o -> List.of(new StepLR(o, 3, 0.5), new ExponentialLR(o, 0.9))));
        SCHEDULERS.put("manual_exponential", new Case(o -> List.of(new ExponentialLR(o, 0.9)), false, Map.of(5, 0.5)));
        SCHEDULERS.put(
                "manual_cosine", new Case(o -> List.of(new CosineAnnealingLR(o, 10, 0.001)), false, Map.of(4, 0.05)));
        SCHEDULERS.put("manual_step", new Case(o -> List.of(new StepLR(o, 4, 0.5)), false, Map.of(6, 0.3)));
        SCHEDULERS.put(
                "sequential_linear_cosine",
                new Case(o -> List.of(new SequentialLR(
                        o, List.of(new LinearLR(o, 0.1, 1.0, 5), new CosineAnnealingLR(o, 15, 1e-4)), new int[] {5}))));
        SCHEDULERS.put(
                "sequential_three",
                new Case(o -> List.of(new SequentialLR(
                        o,
                        List.of(new ExponentialLR(o, 0.8), new StepLR(o, 2, 0.5), new LinearLR(o, 0.25, 1.0, 4)),
                        new int[] {4, 12}))));
        SCHEDULERS.put(
                "onecycle_sgd",
                new Case(o ->
                        List.of(OneCycleLR.builder(o, 0.5, 0.1).totalSteps(25).build())));
        SCHEDULERS.put(
                "onecycle_adam_linear_three_phase",
                new Case(
                        o -> List.of(OneCycleLR.builder(o, 0.01)
                                .epochs(13, 2)
                                .pctStart(0.25)
                                .annealStrategy(OneCycleLR.AnnealStrategy.LINEAR)
                                .threePhase(true)
                                .divFactor(10)
                                .finalDivFactor(100)
                                .baseMomentum(0.8)
                                .maxMomentum(0.9)
                                .build()),
                        true,
                        Map.of()));
        SCHEDULERS.put(
                "plateau",
                new Case(o ->
                        List.of(new ReduceLROnPlateau(o).factor(0.5).patience(1).minLr(0.01, 0.001))));
    }

    @Test
    void schedulersOnTwoGroupsMatchTorch() {
        assertThat(FIXTURE.get("schedulers").size()).isEqualTo(SCHEDULERS.size());
        double[] metrics = Fixtures.doubles(FIXTURE.get("plateau_metrics"));
        SCHEDULERS.forEach((name, c) -> {
            JsonNode expected = FIXTURE.get("schedulers").get(name);
            Optimizer opt = twoGroups(c.adam());
            List<LRScheduler> schedulers = c.make().apply(opt);
            List<double[]> lrs = new ArrayList<>(), momenta = new ArrayList<>();
            record(opt, lrs, momenta, c.adam());
            for (int epoch = 1; epoch < expected.get("lr").size(); epoch++) {
                for (LRScheduler s : schedulers) {
                    if (s instanceof ReduceLROnPlateau) s.step(metrics[epoch - 1]);
                    else s.step();
                }
                Double manual = c.manual().get(epoch);
                if (manual != null) opt.paramGroups().get(0).lr(manual);
                record(opt, lrs, momenta, c.adam());
                if (manual == null)
                    assertThat(schedulers.getLast().getLastLr()).as(name).containsExactly(lrs.getLast());
            }
            assertThat(schedulers.getFirst().lastEpoch())
                    .as(name)
                    .isEqualTo(expected.get("lr").size() - 1);
            assertRows(name + " lr", lrs, expected.get("lr"));
            if (expected.has("momentum")) assertRows(name + " momentum", momenta, expected.get("momentum"));
        });
    }

    static void record(Optimizer opt, List<double[]> lrs, List<double[]> momenta, boolean adam) {
        lrs.add(opt.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray());
        momenta.add(opt.paramGroups().stream()
                .mapToDouble(g -> adam ? g.values("betas")[0] : g.get("momentum"))
                .toArray());
    }

    static void assertRows(String what, List<double[]> actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        for (int k = 0; k < actual.size(); k++) {
            double[] e = Fixtures.doubles(expected.get(k));
            assertThat(actual.get(k)).hasSameSizeAs(e);
            for (int g = 0; g < e.length; g++)
                assertThat(actual.get(k)[g])
                        .as("%s after %d steps, group %d", what, k, g)
                        .isCloseTo(e[g], within(1e-6 * Math.abs(e[g]) + 1e-12));
        }
    }
}
