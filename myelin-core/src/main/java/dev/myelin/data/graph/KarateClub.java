package dev.myelin.data.graph;

import dev.myelin.graph.EdgeIndex;
import dev.myelin.graph.Graph;
import dev.myelin.tensor.IndexTensor;
import dev.myelin.tensor.Tensor;

/**
 * Zachary's karate club (W. W. Zachary, "An information flow model for conflict and fission in small groups",
 * 1977): 34 members, 78 friendships, and the two factions the club split into, Mr. Hi's (0) and the officer's (1).
 * Node 0 is Mr. Hi, node 33 the officer; the numbering and factions are those of NetworkX's
 * {@code karate_club_graph} (its "club" attribute). Features are the identity (one-hot per node), as in the GCN paper.
 */
public final class KarateClub {
    /** The number of members (nodes), 34. */
    public static final int NODES = 34;

    /** The factions' names by label: 0 is Mr. Hi's, 1 the officer's. */
    public static final String[] FACTIONS = {"Mr. Hi", "Officer"};

    /** The 78 undirected edges as (a, b) pairs. */
    private static final int[][] EDGES = {
        {0, 1}, {0, 2}, {0, 3}, {0, 4}, {0, 5}, {0, 6}, {0, 7}, {0, 8}, {0, 10}, {0, 11}, {0, 12}, {0, 13}, {0, 17},
        {0, 19}, {0, 21}, {0, 31}, {1, 2}, {1, 3}, {1, 7}, {1, 13}, {1, 17}, {1, 19}, {1, 21}, {1, 30}, {2, 3}, {2, 7},
        {2, 8}, {2, 9}, {2, 13}, {2, 27}, {2, 28}, {2, 32}, {3, 7}, {3, 12}, {3, 13}, {4, 6}, {4, 10}, {5, 6}, {5, 10},
        {5, 16}, {6, 16}, {8, 30}, {8, 32}, {8, 33}, {9, 33}, {13, 33}, {14, 32}, {14, 33}, {15, 32}, {15, 33},
        {18, 32}, {18, 33}, {19, 33}, {20, 32}, {20, 33}, {22, 32}, {22, 33}, {23, 25}, {23, 27}, {23, 29}, {23, 32},
        {23, 33}, {24, 25}, {24, 27}, {24, 31}, {25, 31}, {26, 29}, {26, 33}, {27, 33}, {28, 31}, {28, 33}, {29, 32},
        {29, 33}, {30, 32}, {30, 33}, {31, 32}, {31, 33}, {32, 33}
    };

    /** Mr. Hi's faction; everyone else followed the officer. */
    private static final int[] MR_HI = {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21};

    private KarateClub() {}

    /** {@return the number of undirected friendships (78)} */
    public static int friendships() {
        return EDGES.length;
    }

    /** {@return both directions of every friendship: 156 directed edges among 34 nodes} */
    public static EdgeIndex edges() {
        int[] a = new int[EDGES.length], b = new int[EDGES.length];
        for (int k = 0; k < EDGES.length; k++) {
            a[k] = EDGES[k][0];
            b[k] = EDGES[k][1];
        }
        return EdgeIndex.undirected(a, b, NODES);
    }

    /** {@return each member's faction, indexed by node: 0 for Mr. Hi's, 1 for the officer's} */
    public static int[] factions() {
        int[] y = new int[NODES];
        java.util.Arrays.fill(y, 1);
        for (int i : MR_HI) y[i] = 0;
        return y;
    }

    /** {@return the graph with identity features [34, 34], the edges, no weights and the factions as node labels} */
    public static Graph graph() {
        return new Graph(Tensor.eye(NODES), edges(), null, IndexTensor.of(factions(), NODES));
    }
}
