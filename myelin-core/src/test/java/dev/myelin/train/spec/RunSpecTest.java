package dev.myelin.train.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.nn.Linear;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.SGD;
import dev.myelin.optim.SequentialLR;
import dev.myelin.tensor.Generator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSpecTest {
    private static RunSpec with(Map<String, Object> settings) {
        return RunSpec.fromJson(settings);
    }

    @Test
    void defaultsAreTrainsAndTheJsonFormRoundTrips() throws Exception {
        RunSpec d = RunSpec.DEFAULTS;
        assertThat(d.epochs()).isEqualTo(10);
        assertThat(d.seed()).isEqualTo(42);
        assertThat(d.validationFraction()).isZero();
        assertThat(RunSpec.fromJson(Map.of())).isEqualTo(d);
        // NAMES comes from toJson's keys: the record files' names are these, in this order
        assertThat(RunSpec.NAMES)
                .containsExactly(
                        "data",
                        "label",
                        "task",
                        "subset",
                        "val_fraction",
                        "epochs",
                        "accumulate",
                        "clip_grad_norm",
                        "early_stopping_patience",
                        "lr_schedule",
                        "warmup",
                        "seed",
                        "threads");

        RunSpec s = new RunSpec("csv:a.csv", "y", "regression", 50, 0.25, 3, 4, 1.5, 2, "cosine", 7, 5_000_000_000L, 2);
        ObjectMapper m = new ObjectMapper();
        @SuppressWarnings("unchecked")
        Map<String, Object> read = m.readValue(m.writeValueAsString(s.toJson()), Map.class);
        assertThat(RunSpec.fromJson(read)).isEqualTo(s);
    }

    @Test
    void badSettingsAreRefusedNamingTheFlagAndTheValue() {
        String[][] cases = {
            {"epochs", "0", "--epochs must be >= 1, got 0"},
            {"accumulate", "0", "--accumulate must be >= 1 batch, got 0"},
            {"clip_grad_norm", "-1", "--clip-grad-norm must be a finite number >= 0 (0 = off), got -1.0"},
            {"val_fraction", "1", "--val-fraction must be in [0, 1), got 1.0"},
            {"early_stopping_patience", "-2", "--early-stopping must be >= 0 epochs, got -2"},
            {"subset", "0", "--subset must be >= 1, got 0"},
            {"threads", "0", "--threads must be in [1, 1024], got 0"},
            {"warmup", "-1", "--warmup must be >= 0 steps, got -1"},
        };
        for (String[] c : cases) {
            Map<String, Object> m = new HashMap<>();
            m.put(c[0], Double.parseDouble(c[1]));
            assertThatThrownBy(() -> with(m))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(c[2]);
        }
        assertThatThrownBy(() -> with(Map.of("lr_schedule", "step")))
                .hasMessage("--lr-schedule: unknown 'step'; use constant or cosine");
        assertThatThrownBy(() -> with(Map.of("task", "sometimes")))
                .hasMessage("--task: unknown 'sometimes'; use auto, classification or regression");
        assertThatThrownBy(() -> with(Map.of("data", "moons", "label", "y")))
                .hasMessage("--label applies to csv: data only; moons has its own labels");
        assertThatThrownBy(() -> with(Map.of("epoch", 3)))
                .hasMessageContaining("unknown run setting 'epoch'")
                .hasMessageContaining("epochs");
        assertThatThrownBy(() -> with(Map.of("epochs", 2.5))).hasMessageContaining("'epochs' must be a whole number");
        assertThatThrownBy(() -> with(Map.of("seed", "x"))).hasMessageContaining("'seed' must be a number, got x");
    }

    @Test
    void splitCutsSubsetThenTestThenValidationFromTheSeed() {
        TensorDataset all = SyntheticData.twoMoons(300, 0.1, new Generator(1));
        RunSpec s = with(Map.of("subset", 200, "val_fraction", 0.3, "seed", 5));
        RunData a = s.split(all, null, true, new Generator(5)), b = s.split(all, null, true, new Generator(5));
        assertThat(a.test().size()).isEqualTo(40); // ceil(0.2 * 200)
        assertThat(a.validation().size()).isEqualTo(48); // ceil(0.3 * 160)
        assertThat(a.train().size()).isEqualTo(112);
        assertThat(a.train().features().data())
                .containsExactly(b.train().features().data());
        assertThat(a.validation().targets().data())
                .containsExactly(b.validation().targets().data());

        // a data set with its own test part keeps it; early stopping without a fraction holds out 10 %
        RunData c = with(Map.of("early_stopping_patience", 3)).split(all, all, true, new Generator(1));
        assertThat(c.test()).isSameAs(all);
        assertThat(c.validation().size()).isEqualTo(30);
        assertThat(RunSpec.DEFAULTS.split(all, all, true, new Generator(1)).validation())
                .isNull();
    }

    @Test
    void schedulerCountsOptimizerStepsWithAccumulation() {
        SGD opt = new SGD(new Linear(2, 1, new Generator(0)).parameters(), 0.1);
        RunSpec s = with(Map.of("accumulate", 4, "lr_schedule", "cosine", "warmup", 2));
        assertThat(s.optimizerStepsPerEpoch(100, 10)).isEqualTo(3); // 10 batches, one step per 4 (and the last)
        LRScheduler sched = s.scheduler(opt, 2 * s.optimizerStepsPerEpoch(100, 10));
        assertThat(sched).isInstanceOf(SequentialLR.class);
        assertThatThrownBy(() -> with(Map.of("accumulate", 4, "lr_schedule", "cosine", "warmup", 6))
                        .scheduler(opt, 6))
                .hasMessage("--warmup 6 leaves no steps for the cosine decay: the run has 6 optimizer steps"
                        + " (epochs x batches per epoch / --accumulate)");
        assertThat(RunSpec.DEFAULTS.scheduler(opt, 10)).isNull();
    }
}
