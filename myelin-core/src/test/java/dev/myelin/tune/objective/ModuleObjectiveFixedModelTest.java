package dev.myelin.tune.objective;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.split.Splits;
import dev.myelin.data.split.TrainTestSplit;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.nn.Linear;
import dev.myelin.nn.Module;
import dev.myelin.nn.Sequential;
import dev.myelin.nn.Tanh;
import dev.myelin.tensor.Generator;
import dev.myelin.tune.GridSearch;
import dev.myelin.tune.SearchResult;
import dev.myelin.tune.SearchSpace;
import dev.myelin.tune.TrialStatus;
import dev.myelin.tune.Tuner;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A search over a fixed model (built by a factory per trial, e.g. a CNN from its JSON): optimizer settings only. */
class ModuleObjectiveFixedModelTest {
    private static final TrainTestSplit MOONS = moons();

    private static TrainTestSplit moons() {
        TensorDataset d = SyntheticData.twoMoons(600, 0.1, new Generator(3));
        return Splits.trainTestSplit(d.features(), d.targets(), 0.25, 4, true);
    }

    @Test
    void everyTrialTrainsTheFactorysModelAndMlpHyperparametersFail() throws Exception {
        AtomicInteger built = new AtomicInteger();
        Function<Generator, Module> model = gen -> {
            built.incrementAndGet();
            return new Sequential(new Linear(2, 16, true, gen), new Tanh(), new Linear(16, 2, true, gen));
        };
        ModuleObjective objective = new ModuleObjective(MOONS.train(), MOONS.test(), true, 2, 15, model);
        SearchSpace space = SearchSpace.builder().categorical("lr", 0.03, 0.01).build();
        SearchResult ok = Tuner.builder(new GridSearch(space), objective)
                .maxTrials(5)
                .seed(7)
                .build()
                .run();
        assertThat(ok.trials()).hasSize(2).allMatch(t -> t.status() == TrialStatus.OK);
        assertThat(built.get()).isEqualTo(2);
        assertThat(ok.best().score()).isGreaterThan(0.85);

        SearchSpace mlp =
                SearchSpace.builder().categorical("hidden", List.of(8)).build();
        SearchResult failed = Tuner.builder(new GridSearch(mlp), objective)
                .maxTrials(1)
                .seed(7)
                .build()
                .run();
        assertThat(failed.trials().getFirst().status()).isEqualTo(TrialStatus.FAILED);
        assertThat(failed.trials().getFirst().error())
                .contains("'hidden' shapes an MLP, but this search trains a fixed model");
        assertThat(built.get()).isEqualTo(2);
    }
}
