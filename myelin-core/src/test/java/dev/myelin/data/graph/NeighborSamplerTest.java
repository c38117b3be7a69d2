package dev.myelin.data.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.NoGrad;
import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Graph;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.nn.graph.SAGEConv;
import dev.myelin.optim.Adam;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Neighbour sampling: the subgraphs are the graph's own edges, within the per-hop counts, seeded; GraphSAGE learns. */
class NeighborSamplerTest {
    private static final Graph SBM =
            StochasticBlockModel.generate(new int[] {250, 250, 250, 250}, 0.02, 0.002, 16, 0.4, new Generator(7));

    @Test
    void subgraphsHoldOnlyTheGraphsEdgesWithinThePerHopCounts() {
        EdgeIndex g = SBM.edges();
        int[] inDegree = g.inDegree();
        NeighborSampler sampler = new NeighborSampler(g, 3, 2);
        int[] seeds = {5, 17, 600, 999};
        SampledSubgraph s = sampler.sample(seeds, new Generator(1));
        int[] ids = s.nodeIds(), eIds = s.edgeIds();
        assertThat(Arrays.copyOf(ids, 4)).containsExactly(seeds);
        assertThat(s.batchSize()).isEqualTo(4);
        assertThat(new HashSet<>(Arrays.stream(ids).boxed().toList())).hasSize(ids.length); // distinct nodes
        int[] sampledIn = new int[ids.length];
        for (int e = 0; e < s.edges().numEdges(); e++) {
            int orig = eIds[e];
            assertThat(ids[s.edges().source(e)]).isEqualTo(g.source(orig)); // the original edge, renumbered
            assertThat(ids[s.edges().target(e)]).isEqualTo(g.target(orig));
            sampledIn[s.edges().target(e)]++;
        }
        assertThat(new HashSet<>(Arrays.stream(eIds).boxed().toList())).hasSize(eIds.length); // without replacement
        for (int k = 0; k < 4; k++) assertThat(sampledIn[k]).isEqualTo(Math.min(3, inDegree[seeds[k]]));
        for (int k = 4; k < ids.length; k++) assertThat(sampledIn[k]).isLessThanOrEqualTo(2);
        // -1: every incoming edge of a seed
        SampledSubgraph all = new NeighborSampler(g, -1).sample(new int[] {5}, new Generator(1));
        assertThat(all.edges().numEdges()).isEqualTo(inDegree[5]);
        // the same generator seed gives the same sample
        SampledSubgraph again = sampler.sample(seeds, new Generator(1));
        assertThat(again.nodeIds()).containsExactly(ids);
        assertThat(again.edgeIds()).containsExactly(eIds);
        // the rows of node and edge tensors follow the ids
        assertThat(s.nodeRows(SBM.x()).shape()).containsExactly(ids.length, 16);
        assertThat(s.seedLabels(SBM.y()).toArray())
                .containsExactly(
                        Arrays.stream(seeds).map(n -> SBM.y().toArray()[n]).toArray());
        Tensor edgeValues = Tensor.arange(g.numEdges());
        assertThat(s.edgeRows(edgeValues).toArray())
                .containsExactly(Arrays.stream(eIds).mapToObj(e -> (float) e).toArray(Float[]::new));
    }

    @Test
    void anEpochVisitsEveryInputNodeOnceAndIsSeeded() {
        int[] input = new int[130];
        for (int k = 0; k < input.length; k++) input[k] = 3 * k;
        NeighborLoader loader =
                new NeighborLoader(new NeighborSampler(SBM.edges(), 4, 4), input, 64, true, new Generator(2));
        assertThat(loader.numBatches()).isEqualTo(3);
        List<Integer> seen = new ArrayList<>(), sizes = new ArrayList<>();
        for (SampledSubgraph b : loader) {
            for (int k = 0; k < b.batchSize(); k++) seen.add(b.nodeIds()[k]);
            sizes.add(b.batchSize());
        }
        assertThat(sizes).containsExactly(64, 64, 2);
        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(input).boxed().toList());
        assertThat(seen).isNotEqualTo(Arrays.stream(input).boxed().toList()); // shuffled
        List<Integer> again = new ArrayList<>();
        for (SampledSubgraph b :
                new NeighborLoader(new NeighborSampler(SBM.edges(), 4, 4), input, 64, true, new Generator(2)))
            for (int k = 0; k < b.batchSize(); k++) again.add(b.nodeIds()[k]);
        assertThat(again).isEqualTo(seen);
    }

    @Test
    void graphSageLearnsFromSampledNeighbourhoods() {
        int[] order = new Generator(7).permutation(SBM.numNodes());
        int[] train = Arrays.copyOf(order, 200);
        Generator gen = new Generator(3);
        SAGEConv c1 = new SAGEConv(16, 32, gen), c2 = new SAGEConv(32, 4, gen);
        List<dev.myelin.nn.Parameter> params = new ArrayList<>(c1.parameters());
        params.addAll(c2.parameters());
        Adam opt = new Adam(params, 0.01);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        NeighborLoader loader = new NeighborLoader(new NeighborSampler(SBM.edges(), 10, 5), train, 32, true, gen);
        for (int epoch = 0; epoch < 30; epoch++)
            for (SampledSubgraph b : loader) {
                Tensor out =
                        c2.forward(c1.forward(b.nodeRows(SBM.x()), b.edges()).relu(), b.edges());
                Tensor loss = ce.forward(out.narrow(0, 0, b.batchSize()), b.seedLabels(SBM.y()));
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
        int[] predicted, y = SBM.y().toArray();
        try (var ignored = NoGrad.enter()) { // inference on the whole graph
            predicted = c2.forward(c1.forward(SBM.x(), SBM.edges()).relu(), SBM.edges())
                    .argmaxIndices(1)
                    .toArray();
        }
        int correct = 0;
        for (int k = 200; k < order.length; k++) if (predicted[order[k]] == y[order[k]]) correct++;
        assertThat(correct / 800.0)
                .as("GraphSAGE trained on sampled neighbourhoods")
                .isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void badArgumentsAreRefused() {
        EdgeIndex g = SBM.edges();
        assertThatThrownBy(() -> new NeighborSampler(g)).hasMessageContaining("per hop");
        assertThatThrownBy(() -> new NeighborSampler(g, 5, -2)).hasMessageContaining(">= 0, or -1 for all");
        NeighborSampler s = new NeighborSampler(g, 2);
        assertThatThrownBy(() -> s.sample(new int[] {1, 1000}, new Generator(1)))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("seed 1000 is not a node");
        assertThatThrownBy(() -> s.sample(new int[] {4, 4}, new Generator(1)))
                .hasMessageContaining("seed 4 is given twice");
        // a refused sample leaves the sampler clean
        assertThat(s.sample(new int[] {1}, new Generator(1)).nodeIds()[0]).isEqualTo(1);
        assertThatThrownBy(() -> new NeighborLoader(s, new int[] {1}, 0, false, new Generator(1)))
                .hasMessageContaining("batchSize must be >= 1");
    }
}
