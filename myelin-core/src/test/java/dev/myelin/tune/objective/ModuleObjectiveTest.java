package dev.myelin.tune.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.split.Splits;
import dev.myelin.data.split.TrainTestSplit;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.tensor.Generator;
import dev.myelin.train.spec.NetworkConfig;
import dev.myelin.tune.Config;
import dev.myelin.tune.Direction;
import dev.myelin.tune.GridSearch;
import dev.myelin.tune.MedianPruner;
import dev.myelin.tune.Objective;
import dev.myelin.tune.SearchResult;
import dev.myelin.tune.SearchSpace;
import dev.myelin.tune.SearchStrategy;
import dev.myelin.tune.SuccessiveHalving;
import dev.myelin.tune.TrialContext;
import dev.myelin.tune.TrialResult;
import dev.myelin.tune.TrialStatus;
import dev.myelin.tune.Tuner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ModuleObjectiveTest {
    private static final TrainTestSplit MOONS = moons();

    private static TrainTestSplit moons() {
        TensorDataset d = SyntheticData.twoMoons(600, 0.1, new Generator(3));
        return Splits.trainTestSplit(d.features(), d.targets(), 0.25, 4, true);
    }

    private static ModuleObjective objective(int epochs) {
        return new ModuleObjective(MOONS.train(), MOONS.test(), true, 2, epochs);
    }

    private static SearchResult run(SearchStrategy strategy, Objective objective, int trials)
            throws InterruptedException {
        return Tuner.builder(strategy, objective)
                .maxTrials(trials)
                .seed(7)
                .build()
                .run();
    }

    @Test
    void goodConfigurationReachesHighValidationAccuracyAndBadLearningRateFailsWithTheTrainersReason() throws Exception {
        SearchSpace space = SearchSpace.builder()
                .categorical("lr", 1e6, 0.1)
                .categorical("optimizer", "sgd")
                .categorical("hidden", List.of(32, 32))
                .build();
        SearchResult r = run(new GridSearch(space), objective(15), 10);
        assertThat(r.trials()).hasSize(2);
        TrialResult diverged = r.trials().get(0), good = r.trials().get(1);
        assertThat(diverged.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(diverged.error())
                .contains("TrainingDivergedException")
                .containsPattern("loss (became|grew to)")
                .contains("epoch 1");
        assertThat(good.status()).isEqualTo(TrialStatus.OK);
        assertThat(good.score())
                .isGreaterThan(0.9); // moons with noise 0.1: a small MLP separates them well within 15 epochs
        assertThat(r.direction()).isEqualTo(Direction.MAXIMIZE);
        assertThat(r.bestConfig()).isEqualTo(good.config());
    }

    @Test
    void sameSeedGivesTheSameScore() throws Exception {
        SearchSpace space = SearchSpace.builder()
                .categorical("width", 16)
                .categorical("depth", 1)
                .categorical("dropout", 0.2)
                .build();
        double a = run(new GridSearch(space), objective(3), 1).bestScore();
        double b = run(new GridSearch(space), objective(3), 1).bestScore();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void trainsForTheStrategysBudgetAndReportsEveryEpoch() throws Exception {
        Map<Integer, Integer> reportsByBudget = new ConcurrentHashMap<>();
        ModuleObjective inner = objective(99);
        Objective recording = new Objective() {
            @Override
            public double evaluate(Config config, TrialContext ctx) {
                double score = inner.evaluate(config, ctx);
                reportsByBudget.merge((int) ctx.budget(), ctx.reports().size(), Math::max);
                List<double[]> reports = ctx.reports();
                assertThat(reports.getLast()[1]).isEqualTo(score); // the returned score is the last epoch's
                return score;
            }

            @Override
            public Direction direction() {
                return inner.direction();
            }
        };
        SearchSpace space = SearchSpace.builder()
                .floatRange("lr", 1e-3, 3e-2, true)
                .categorical("width", 8, 16)
                .build();
        SearchResult r = run(new SuccessiveHalving(space, 3, 1, 3, 3, 5), recording, 10);
        assertThat(r.trials()).hasSize(4); // 3 configurations at 1 epoch, the best at 3
        assertThat(reportsByBudget).containsEntry(1, 1).containsEntry(3, 3);
    }

    @Test
    void prunedTrialStopsEarlyAndIsRecordedAsPruned() throws Exception {
        // Three good trials first, then one with a tiny learning rate that is far below their median after epoch 1.
        SearchSpace space = SearchSpace.builder()
                .categorical("lr", 0.03, 0.02, 0.01, 1e-6)
                .categorical("width", 16)
                .build();
        SearchResult r = Tuner.builder(new GridSearch(space), objective(4))
                .pruner(new MedianPruner(3, 0))
                .seed(1)
                .build()
                .run();
        assertThat(r.trials().subList(0, 3)).allMatch(t -> t.status() == TrialStatus.OK);
        assertThat(r.trials().get(3).status()).isEqualTo(TrialStatus.PRUNED);
        assertThat(r.trials().get(3).score()).isLessThan(r.bestScore());
    }

    @Test
    void regressionMinimizesValidationLoss() throws Exception {
        TensorDataset d = SyntheticData.sumRegression(400, 3, new Generator(2));
        TensorDataset dd = new TensorDataset(
                d.features(), d.targets().dim() == 1 ? d.targets().reshape(-1, 1) : d.targets());
        TrainTestSplit s = Splits.trainTestSplit(dd.features(), dd.targets(), 0.25, 1, false);
        ModuleObjective o = new ModuleObjective(s.train(), s.test(), false, 1, 30);
        assertThat(o.direction()).isEqualTo(Direction.MINIMIZE);
        assertThat(o.scoreName()).isEqualTo("val_loss");
        SearchSpace space = SearchSpace.builder()
                .categorical("lr", 1e-5, 1e-2)
                .categorical("hidden", List.of(16))
                .build();
        SearchResult r = run(new GridSearch(space), o, 2);
        // a learning rate of 1e-5 barely moves in 30 epochs; 1e-2 fits the sum well
        assertThat(r.best().config().getDouble("lr")).isEqualTo(1e-2);
        assertThat(r.bestScore()).isLessThan(r.trials().get(0).score() / 10);
    }

    @Test
    void badConfigurationsAndDataAreNamed() {
        assertThatThrownBy(() -> NetworkConfigs.from(new Config(Map.of("learning_rate", 0.1))))
                .hasMessageContaining("unknown hyperparameter 'learning_rate'");
        assertThatThrownBy(() -> NetworkConfigs.from(new Config(Map.of("hidden", List.of(8), "depth", 2))))
                .hasMessageContaining("either 'hidden' or 'depth'/'width'");
        assertThatThrownBy(() -> NetworkConfigs.from(new Config(Map.of("optimizer", "adamax"))))
                .hasMessageContaining("adamax");
        assertThatThrownBy(() -> NetworkConfigs.from(new Config(Map.of("dropout", 1.0))))
                .hasMessageContaining("dropout");
        assertThatThrownBy(() -> new ModuleObjective(MOONS.train(), MOONS.test(), true, 2, 0))
                .hasMessageContaining("epochs");
        assertThat(NetworkConfigs.from(new Config(Map.of("depth", 3, "width", 64)))
                        .hidden())
                .containsExactly(64, 64, 64);
        assertThat(NetworkConfigs.from(new Config(Map.of())).equals(NetworkConfig.DEFAULTS))
                .isTrue();
        assertThat(NetworkConfigs.from(NetworkConfigs.toConfig(NetworkConfig.DEFAULTS)))
                .isEqualTo(NetworkConfig.DEFAULTS);
    }
}
