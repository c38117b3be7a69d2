package dev.myelin.tune.objective;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.tensor.Generator;
import dev.myelin.train.spec.RunData;
import dev.myelin.train.spec.RunSpec;
import dev.myelin.tune.Config;
import dev.myelin.tune.Direction;
import dev.myelin.tune.GridSearch;
import dev.myelin.tune.Objective;
import dev.myelin.tune.SearchResult;
import dev.myelin.tune.SearchSpace;
import dev.myelin.tune.TrialContext;
import dev.myelin.tune.TrialResult;
import dev.myelin.tune.TrialStatus;
import dev.myelin.tune.Tuner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trial trains with the run specification's settings, as {@code myelin train} does with the same flags. */
class ModuleObjectiveRunSpecTest {
    private static final TensorDataset MOONS = SyntheticData.twoMoons(300, 0.1, new Generator(3));

    private static SearchResult oneTrial(Objective objective) throws InterruptedException {
        SearchSpace space = SearchSpace.builder()
                .categorical("hidden", List.of(16))
                .categorical("batchSize", 10)
                .build();
        return Tuner.builder(new GridSearch(space), objective)
                .maxTrials(1)
                .seed(7)
                .build()
                .run();
    }

    private static ModuleObjective objective(RunSpec spec) {
        RunData parts = spec.split(MOONS, null, true, new Generator(spec.seed()));
        return new ModuleObjective(parts.train(), parts.validation(), true, 2, spec, null);
    }

    @Test
    void accumulationAndTheScheduleReachTheTrial() throws Exception {
        // 300 rows: 60 test, 72 validation, 168 training rows in 17 batches of 10; one step per 4 batches: 5 per epoch
        RunSpec spec = RunSpec.fromJson(
                Map.of("epochs", 2, "val_fraction", 0.3, "accumulate", 4, "lr_schedule", "cosine", "warmup", 10));
        TrialResult t = oneTrial(objective(spec)).trials().getFirst();
        assertThat(t.status()).isEqualTo(TrialStatus.FAILED);
        assertThat(t.error())
                .contains("--warmup 10 leaves no steps for the cosine decay: the run has 10 optimizer steps");
        RunSpec fits = RunSpec.fromJson(Map.of(
                "epochs",
                2,
                "val_fraction",
                0.3,
                "accumulate",
                4,
                "lr_schedule",
                "cosine",
                "warmup",
                9,
                "clip_grad_norm",
                0.5));
        assertThat(oneTrial(objective(fits)).trials().getFirst().status()).isEqualTo(TrialStatus.OK);
    }

    @Test
    void earlyStoppingEndsTheTrialAndScoresTheKeptEpoch() throws Exception {
        RunSpec spec = RunSpec.fromJson(Map.of("epochs", 200, "val_fraction", 0.3, "early_stopping_patience", 1));
        ModuleObjective inner = objective(spec);
        List<double[]> reports = new ArrayList<>();
        Objective recording = new Objective() {
            @Override
            public double evaluate(Config config, TrialContext ctx) {
                double score = inner.evaluate(config, ctx);
                reports.addAll(ctx.reports());
                return score;
            }

            @Override
            public Direction direction() {
                return inner.direction();
            }
        };
        TrialResult t = oneTrial(recording).trials().getFirst();
        assertThat(t.status()).isEqualTo(TrialStatus.OK);
        assertThat(reports).hasSizeLessThan(200).hasSizeGreaterThan(1);
        assertThat(reports.stream().mapToDouble(r -> r[1])).contains(t.score());
    }
}
