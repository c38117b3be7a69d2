package dev.myelin.data.graph;

import dev.myelin.data.csv.CsvFormatException;
import dev.myelin.data.csv.CsvReader;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads node features: a CSV file with a header, one row per node in id order, every column a numeric feature
 * (the core {@link CsvReader#readNumeric} rules: empty cells and non-numbers are errors naming the line and column).
 */
public final class NodeFeatureReader {
    private NodeFeatureReader() {}

    /**
     * Reads a node feature file.
     *
     * @param file a CSV file with a header and one numeric row per node
     * @param numNodes the graph's node count, or −1 to accept any number of rows
     * @return the features [numNodes, F], F the number of columns
     * @throws dev.myelin.data.csv.CsvFormatException if a cell is not a number or the row count differs from
     *     {@code numNodes} (the message names both counts or the line and column)
     * @throws IOException if the file is missing, not a regular file or unreadable
     */
    public static Tensor read(Path file, int numNodes) throws IOException {
        Tensor x = CsvReader.readNumeric(file, Set.of());
        if (numNodes >= 0 && x.size(0) != numNodes)
            throw new CsvFormatException(
                    file,
                    0,
                    null,
                    x.size(0) + " rows of node features for a graph of " + numNodes
                            + " nodes; the file needs one row per node, in id order");
        return x;
    }
}
