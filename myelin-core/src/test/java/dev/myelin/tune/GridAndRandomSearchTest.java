package dev.myelin.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridAndRandomSearchTest {

    private static List<Config> drain(SearchStrategy s) {
        List<Config> out = new ArrayList<>();
        while (!s.isDone()) {
            Proposal p = s.ask().orElseThrow();
            out.add(p.config());
            s.tell(p, 0);
        }
        return out;
    }

    @Test
    void gridCoversEveryPointExactlyOnceLastDimensionFastest() {
        SearchSpace space = SearchSpace.builder()
                .intRange("depth", 1, 3)
                .categorical("act", "relu", "tanh")
                .floatRange("lr", 0.001, 0.1, true)
                .build();
        List<Config> grid = drain(new GridSearch(space, Map.of("lr", 3)));
        assertThat(grid).hasSize(3 * 2 * 3);
        assertThat(new HashSet<>(grid)).hasSize(18);
        assertThat(grid.get(0).toString()).isEqualTo("{\"depth\":1,\"act\":\"relu\",\"lr\":0.001}");
        assertThat(grid.get(1).getDouble("lr")).isCloseTo(0.01, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(grid.get(3).get("act")).isEqualTo("tanh");
        for (int d = 1; d <= 3; d++)
            for (String a : List.of("relu", "tanh"))
                for (double lr : List.of(0.001, grid.get(1).getDouble("lr"), 0.1)) {
                    Config expected = new Config(SearchSpaceTest.orderedOf("depth", d, "act", a, "lr", lr));
                    assertThat(grid).containsOnlyOnce(expected);
                }
    }

    @Test
    void gridSkipsInactiveDimensionsSoNoConfigRepeats() {
        SearchSpace space = SearchSpace.builder()
                .categorical("solver", "sgd", "adam")
                .floatRange("momentum", 0.0, 0.9)
                .activeWhen("solver", "sgd")
                .build();
        List<Config> grid = drain(new GridSearch(space, Map.of("momentum", 4)));
        // 4 sgd configs with a momentum each, and a single adam config without momentum.
        assertThat(grid).hasSize(5);
        assertThat(grid.get(4).toString()).isEqualTo("{\"solver\":\"adam\"}");
    }

    @Test
    void gridNeedsPointsForFloatRanges() {
        SearchSpace space = SearchSpace.builder().floatRange("lr", 0.001, 0.1).build();
        assertThatThrownBy(() -> new GridSearch(space))
                .hasMessageContaining("'lr'")
                .hasMessageContaining("explicit number of grid points");
        assertThatThrownBy(() -> new GridSearch(space, Map.of("lr", 2, "lx", 3)))
                .hasMessageContaining("[lx]");
    }

    @Test
    void randomSearchIsRepeatableBySeed() {
        SearchSpace space = SearchSpace.builder()
                .floatRange("lr", 1e-4, 1e-1, true)
                .intRange("width", 8, 512, true)
                .categorical("act", "relu", "tanh")
                .build();
        List<Config> a = drain(new RandomSearch(space, 50, 42));
        List<Config> b = drain(new RandomSearch(space, 50, 42));
        List<Config> c = drain(new RandomSearch(space, 50, 43));
        assertThat(a).hasSize(50).isEqualTo(b).isNotEqualTo(c);
    }
}
