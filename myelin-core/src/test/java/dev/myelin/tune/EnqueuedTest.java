package dev.myelin.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnqueuedTest {
    private static final SearchSpace SPACE =
            SearchSpace.builder().floatRange("x", -1, 1).build();

    @Test
    void fixedConfigurationsComeFirstAndTheStrategySeesOnlyItsOwnResults() throws Exception {
        Config fixed = new Config(Map.of("x", 0.5));
        List<Double> toldToSwarm = new ArrayList<>();
        ParticleSwarm swarm =
                ParticleSwarm.builder(SPACE).swarmSize(3).iterations(2).seed(4).build();
        SearchStrategy spy = new SearchStrategy() {
            @Override
            public Optional<Proposal> ask() {
                return swarm.ask();
            }

            @Override
            public void tell(Proposal p, double loss) {
                toldToSwarm.add(loss);
                swarm.tell(p, loss);
            }

            @Override
            public boolean isDone() {
                return swarm.isDone();
            }
        };
        Objective square = (c, ctx) -> c.getDouble("x") * c.getDouble("x");
        SearchResult with = Tuner.builder(new Enqueued(List.of(fixed), 2, spy), square)
                .build()
                .run();
        SearchResult without = Tuner.builder(
                        ParticleSwarm.builder(SPACE)
                                .swarmSize(3)
                                .iterations(2)
                                .seed(4)
                                .build(),
                        square)
                .build()
                .run();

        assertThat(with.trials()).hasSize(7);
        assertThat(with.trials().get(0).config()).isEqualTo(fixed);
        assertThat(with.trials().get(0).budget()).isEqualTo(2);
        assertThat(with.trials().get(0).score()).isEqualTo(0.25);
        assertThat(toldToSwarm).hasSize(6).doesNotContain(0.25);
        // the swarm proposes exactly what it proposes on its own
        assertThat(with.trials().subList(1, 7).stream().map(TrialResult::config).toList())
                .isEqualTo(without.trials().stream().map(TrialResult::config).toList());
    }
}
