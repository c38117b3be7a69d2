package dev.myelin.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Generator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    private static SearchSpace mlpSpace() {
        return SearchSpace.builder()
                .floatRange("lr", 1e-4, 1e-1, true)
                .categorical("solver", "sgd", "adam")
                .floatRange("momentum", 0.0, 0.99)
                .activeWhen("solver", "sgd")
                .intRange("depth", 1, 3)
                .intRange("width", 8, 256, true)
                .hiddenLayers("hiddenLayers", "depth", "width")
                .build();
    }

    @Test
    void encodedSizeCountsOneCoordinatePerChoice() {
        assertThat(mlpSpace().encodedSize()).isEqualTo(1 + 2 + 1 + 1 + 1);
    }

    @Test
    void encodeDecodeRoundTripOnRandomConfigs() {
        SearchSpace space = mlpSpace();
        Generator rng = new Generator(3);
        for (int i = 0; i < 500; i++) {
            Config c = space.decode(space.randomPoint(rng));
            assertThat(space.decode(space.encode(c))).isEqualTo(c);
        }
    }

    @Test
    void intRangeGivesEveryIntegerAnEqualShareAndRoundTrips() {
        IntRange r = new IntRange("k", 2, 5);
        // u in [0, 1) maps onto [2, 6) floored: quarters of the unit interval.
        assertThat(r.valueAt(0.0)).isEqualTo(2);
        assertThat(r.valueAt(0.2499)).isEqualTo(2);
        assertThat(r.valueAt(0.25)).isEqualTo(3);
        assertThat(r.valueAt(0.7499)).isEqualTo(4);
        assertThat(r.valueAt(1.0)).isEqualTo(5);
        IntRange log = new IntRange("w", 1, 1024, true);
        double[] x = new double[1];
        for (int v = 1; v <= 1024; v++) {
            log.encode(v, x, 0);
            assertThat(x[0]).isBetween(0.0, 1.0);
            assertThat(log.decode(x, 0)).isEqualTo(v);
        }
    }

    @Test
    void floatRangeLogMapsTheMiddleToTheGeometricMean() {
        FloatRange lr = new FloatRange("lr", 1e-4, 1e-2, true);
        assertThat(lr.valueAt(0.5)).isCloseTo(1e-3, within(1e-12));
        assertThat(lr.valueAt(0)).isEqualTo(1e-4);
        assertThat(lr.valueAt(1)).isEqualTo(1e-2);
        assertThat(lr.gridValues(3)).containsExactly(1e-4, lr.valueAt(0.5), 1e-2);
        FloatRange lin = new FloatRange("p", -1, 3);
        assertThat(lin.valueAt(0.25)).isEqualTo(0.0);
    }

    @Test
    void categoricalDecodesByArgmaxAndEncodesOneHot() {
        Categorical c = new Categorical("act", List.of("relu", "tanh", "sigmoid"));
        assertThat(c.decode(new double[] {0.1, 0.7, 0.3}, 0)).isEqualTo("tanh");
        assertThat(c.decode(new double[] {0.5, 0.5, 0.5}, 0)).isEqualTo("relu");
        double[] x = new double[3];
        c.encode("sigmoid", x, 0);
        assertThat(x).containsExactly(0, 0, 1);
    }

    @Test
    void randomCategoricalAndLogRangesAreSpreadEvenly() {
        SearchSpace space = mlpSpace();
        Generator rng = new Generator(11);
        Map<Object, Integer> solver = new HashMap<>();
        int belowGeometricMiddle = 0, n = 4000;
        for (int i = 0; i < n; i++) {
            Config c = space.decode(space.randomPoint(rng));
            solver.merge(c.get("solver"), 1, Integer::sum);
            if (c.getDouble("lr") < Math.sqrt(1e-4 * 1e-1)) belowGeometricMiddle++;
        }
        assertThat(solver.get("sgd")).isBetween(n / 2 - 150, n / 2 + 150);
        assertThat(belowGeometricMiddle).isBetween(n / 2 - 150, n / 2 + 150);
    }

    @Test
    void conditionalDimensionIsAbsentWhenInactive() {
        SearchSpace space = mlpSpace();
        Generator rng = new Generator(5);
        int sgd = 0, adam = 0;
        for (int i = 0; i < 200; i++) {
            Config c = space.decode(space.randomPoint(rng));
            if (c.get("solver").equals("sgd")) {
                sgd++;
                assertThat(c.has("momentum")).isTrue();
            } else {
                adam++;
                assertThat(c.has("momentum")).isFalse();
                assertThatThrownBy(() -> c.get("momentum")).hasMessageContaining("inactive");
            }
            assertThat(c.getIntList("hiddenLayers")).hasSize(c.getInt("depth")).containsOnly(c.getInt("width"));
        }
        assertThat(sgd).isPositive();
        assertThat(adam).isPositive();
    }

    @Test
    void perLayerWidthsAreActiveOnlyUpToDepth() {
        SearchSpace space = SearchSpace.builder()
                .perLayerWidths("hidden", "depth", 1, 3, "width", 4, 64, true)
                .build();
        Generator rng = new Generator(9);
        for (int i = 0; i < 200; i++) {
            Config c = space.decode(space.randomPoint(rng));
            int depth = c.getInt("depth");
            for (int l = 1; l <= 3; l++) assertThat(c.has("width_" + l)).isEqualTo(l <= depth);
            List<Integer> hidden = c.getIntList("hidden");
            assertThat(hidden).hasSize(depth);
            for (int l = 1; l <= depth; l++) assertThat(hidden.get(l - 1)).isEqualTo(c.getInt("width_" + l));
        }
    }

    @Test
    void configToStringIsJson() {
        Config c = new Config(new java.util.LinkedHashMap<>(Map.of("lr", 0.01)));
        assertThat(c.toString()).isEqualTo("{\"lr\":0.01}");
        SearchSpace space = mlpSpace();
        double[] x = space.encode(new Config(orderedOf("lr", 0.1, "solver", "adam", "depth", 2, "width", 64)));
        assertThat(space.decode(x).toString())
                .isEqualTo("{\"lr\":0.1,\"solver\":\"adam\",\"depth\":2,\"width\":64,\"hiddenLayers\":[64,64]}");
    }

    static Map<String, Object> orderedOf(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void badSpacesAreRejectedWithClearMessages() {
        assertThatThrownBy(() -> new FloatRange("lr", 0, 1, true))
                .hasMessageContaining("lr")
                .hasMessageContaining("lo > 0");
        assertThatThrownBy(() -> new IntRange("d", 3, 1)).hasMessageContaining("lo <= hi");
        assertThatThrownBy(() -> new Categorical("a", List.of("x", "x"))).hasMessageContaining("distinct");
        assertThatThrownBy(() -> SearchSpace.builder().intRange("a", 1, 2).intRange("a", 1, 3))
                .hasMessageContaining("duplicate name 'a'");
        assertThatThrownBy(() -> SearchSpace.builder().floatRange("m", 0, 1).activeWhen("solver", "sgd"))
                .hasMessageContaining("no dimension 'solver'");
        assertThatThrownBy(() -> SearchSpace.builder()
                        .categorical("solver", "adam")
                        .floatRange("m", 0, 1)
                        .activeWhen("solver", "sgd"))
                .hasMessageContaining("can never be");
        assertThatThrownBy(() -> mlpSpace().encode(new Config(orderedOf("lr", 5.0))))
                .hasMessageContaining("lr");
    }
}
