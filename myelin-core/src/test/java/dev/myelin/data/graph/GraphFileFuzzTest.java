package dev.myelin.data.graph;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.myelin.testing.Fuzzing;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fuzzes the graph readers with arbitrary bytes: an edge list read directed with the node count from the file,
 * undirected into a graph of 10 nodes, undirected with the edge features of the columns a and b, and node features
 * for 3 nodes. Every input is read or refused with an
 * IOException on one line naming the file; anything else is a finding. The corpus in GraphFileFuzzTestInputs replays
 * as a test.
 */
class GraphFileFuzzTest {
    @FuzzTest
    void read(byte[] bytes) {
        Path file = Fuzzing.file("graph.csv", bytes);
        try {
            EdgeListReader.read(file, -1, false);
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
        try {
            EdgeListReader.read(file, 10, true);
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
        try {
            EdgeListReader.read(file, -1, true, List.of("a", "b"));
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
        try {
            NodeFeatureReader.read(file, 3);
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
    }
}
