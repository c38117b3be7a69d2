package dev.myelin.data.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.csv.CsvFormatException;
import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Graph;
import dev.myelin.tensor.Generator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphDataTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void karateClubHas34Members78FriendshipsAndTwoFactionsOf17() {
        EdgeIndex e = KarateClub.edges();
        assertThat(e.numNodes()).isEqualTo(34);
        assertThat(KarateClub.friendships()).isEqualTo(78);
        assertThat(e.numEdges()).isEqualTo(156);
        Set<Long> pairs = new HashSet<>();
        for (int k = 0; k < e.numEdges(); k++) {
            assertThat(e.source(k)).isNotEqualTo(e.target(k));
            pairs.add((long) Math.min(e.source(k), e.target(k)) * 100 + Math.max(e.source(k), e.target(k)));
        }
        assertThat(pairs).hasSize(78); // no duplicates
        int[] deg = e.inDegree();
        assertThat(deg[0]).isEqualTo(16); // Mr. Hi
        assertThat(deg[33]).isEqualTo(17); // the officer
        int[] y = KarateClub.factions();
        assertThat(java.util.Arrays.stream(y).sum()).isEqualTo(17);
        assertThat(y[0]).isZero();
        assertThat(y[33]).isOne();
        Graph g = KarateClub.graph();
        assertThat(g.x().shape()).containsExactly(34, 34);
    }

    @Test
    void readsWeightedUndirectedEdgeListsAndFeatures() throws IOException {
        EdgeList list = EdgeListReader.read(file("e.csv", "source,target,weight\n0,1,0.5\n1,2,2\n"), -1, true);
        assertThat(list.edges().numNodes()).isEqualTo(3);
        assertThat(list.edges().sources()).containsExactly(0, 1, 1, 2);
        assertThat(list.edges().targets()).containsExactly(1, 0, 2, 1);
        assertThat(list.weights().toArray()).containsExactly(0.5f, 0.5f, 2f, 2f);
        EdgeList directed = EdgeListReader.read(file("d.csv", "target,source\n0,1\n"), 5, false);
        assertThat(directed.edges().sources()).containsExactly(1);
        assertThat(directed.weights()).isNull();
        assertThat(NodeFeatureReader.read(file("x.csv", "a,b\n1,2\n3,4\n5,6\n"), 3)
                        .shape())
                .containsExactly(3, 2);
    }

    @Test
    void readsEdgeFeaturesFromNamedColumns() throws IOException {
        Path f = file("attr.csv", "source,bond,target,weight,length,kind\n0,1,1,0.5,1.5,single\n1,2,2,2,2.5,double\n");
        EdgeList list = EdgeListReader.read(f, -1, true, List.of("length", "bond"));
        assertThat(list.edges().sources()).containsExactly(0, 1, 1, 2);
        assertThat(list.weights().toArray()).containsExactly(0.5f, 0.5f, 2f, 2f);
        assertThat(list.features().shape()).containsExactly(4, 2); // both directions of each line, columns as named
        assertThat(list.features().toArray()).containsExactly(1.5f, 1, 1.5f, 1, 2.5f, 2, 2.5f, 2);
        EdgeList one = EdgeListReader.read(f, 3, false, List.of("length"));
        assertThat(one.features().shape()).containsExactly(2, 1);
        assertThat(EdgeListReader.read(f, 3, false).features()).isNull(); // the other columns are ignored
        assertThatThrownBy(() -> EdgeListReader.read(f, 3, false, List.of("kind")))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage(f + ", line 2, column 'kind': 'single' is not a number");
        assertThatThrownBy(() -> EdgeListReader.read(f, 3, false, List.of("charge")))
                .hasMessageContaining("column 'charge' not found; available columns: [source, bond, target, weight,");
        assertThatThrownBy(() -> EdgeListReader.read(f, 3, false, List.of("length", "length")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> EdgeListReader.read(f, 3, false, List.of("weight")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileFilesGetErrorsNamingFileLineAndColumn() throws IOException {
        Path bad = file("bad.csv", "source,target\n0,1\n2,x\n");
        assertThatThrownBy(() -> EdgeListReader.read(bad, 5, false))
                .isInstanceOf(CsvFormatException.class)
                .hasMessage(bad + ", line 3, column 'target': 'x' is not a node id (a whole number from 0)");
        Path far = file("far.csv", "source,target\n0,1\n9,1\n");
        assertThatThrownBy(() -> EdgeListReader.read(far, 4, false))
                .hasMessage(far + ", line 3, column 'source': node id 9 is outside the graph's 4 nodes (ids 0..3)");
        assertThatThrownBy(() -> EdgeListReader.read(file("neg.csv", "source,target\n-1,0\n"), -1, false))
                .hasMessageContaining("line 2")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> EdgeListReader.read(file("w.csv", "source,target,weight\n0,1,NaN\n"), -1, false))
                .hasMessageContaining("column 'weight': 'NaN' is not a finite number");
        assertThatThrownBy(() -> EdgeListReader.read(file("cols.csv", "from,to\n0,1\n"), -1, false))
                .hasMessageContaining("column 'source' not found; available columns: [from, to]");
        assertThatThrownBy(() -> EdgeListReader.read(file("short.csv", "source,target\n0\n"), -1, false))
                .hasMessageContaining("line 2")
                .hasMessageContaining("the row has 1 cells, the header has 2");
        Path rows = file("rows.csv", "a\n1\n2\n");
        assertThatThrownBy(() -> NodeFeatureReader.read(rows, 3))
                .hasMessage(
                        rows
                                + ": 2 rows of node features for a graph of 3 nodes; the file needs one row per node, in id order");
        assertThatThrownBy(() -> NodeFeatureReader.read(file("nan.csv", "a\n1\nz\n"), 2))
                .hasMessageContaining("line 3");
    }

    @Test
    void generatorsAreSeededAndShaped() {
        Graph a = StochasticBlockModel.generate(new int[] {30, 30}, 0.3, 0.01, 4, 1, new Generator(3));
        Graph b = StochasticBlockModel.generate(new int[] {30, 30}, 0.3, 0.01, 4, 1, new Generator(3));
        assertThat(a.edges().sources()).containsExactly(b.edges().sources());
        assertThat(a.x().toArray()).containsExactly(b.x().toArray());
        int within = 0;
        for (int k = 0; k < a.numEdges(); k++)
            if ((a.edges().source(k) < 30) == (a.edges().target(k) < 30)) within++;
        assertThat(within).isGreaterThan(a.numEdges() * 9 / 10);
        List<Graph> set = CyclesAndTrees.generate(10, 5, 8, new Generator(1));
        for (Graph g : set) {
            int n = g.numNodes(), label = g.y().get(0);
            assertThat(g.numEdges()).isEqualTo(label == 0 ? 2 * n : 2 * (n - 1));
        }
        assertThat(set.stream().filter(g -> g.y().get(0) == 1).count()).isEqualTo(5);
    }
}
