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

    /** Features [numNodes, F]; a file with another number of rows is an error naming both counts (numNodes −1: any). */
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
