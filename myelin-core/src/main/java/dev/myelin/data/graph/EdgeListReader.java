package dev.myelin.data.graph;

import dev.myelin.data.csv.CsvFormatException;
import dev.myelin.data.csv.CsvReader;
import dev.myelin.graph.EdgeIndex;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads an edge list: a CSV file with a header naming the columns {@code source} and {@code target} (node ids, whole
 * numbers from 0) and optionally {@code weight} (a finite number), one edge a line, read by the core
 * {@link CsvReader}. Node ids are checked against the node count (given, or one more than the largest id) and every
 * bad cell is an error naming the file, the line and the column. An undirected list gives both directions of each
 * edge (PyTorch Geometric's convention), each with the line's weight.
 */
public final class EdgeListReader {
    /** The header names of the source-node, target-node and (optional) weight columns. */
    public static final String SOURCE = "source", TARGET = "target", WEIGHT = "weight";

    private EdgeListReader() {}

    /**
     * Reads an edge list file.
     *
     * @param file a CSV file with the columns {@code source}, {@code target} and optionally {@code weight}
     * @param numNodes the graph's node count, or −1 for one more than the largest id in the file
     * @param undirected whether each line stands for an edge in both directions
     * @return the edges and their weights (null without a weight column)
     * @throws dev.myelin.data.csv.CsvFormatException if a cell, row or column is wrong (the message names the file,
     *     line and column)
     * @throws IOException if the file is missing, not a regular file or unreadable
     */
    public static EdgeList read(Path file, int numNodes, boolean undirected) throws IOException {
        List<CsvReader.Row> rows = CsvReader.readCells(file, List.of(SOURCE, TARGET, WEIGHT), 2);
        int e = rows.size();
        int[] src = new int[e], dst = new int[e];
        float[] w = rows.get(0).cells()[2] == null ? null : new float[e];
        int max = -1;
        for (int k = 0; k < e; k++) {
            CsvReader.Row row = rows.get(k);
            src[k] = nodeId(file, row, 0, SOURCE, numNodes);
            dst[k] = nodeId(file, row, 1, TARGET, numNodes);
            max = Math.max(max, Math.max(src[k], dst[k]));
            if (w != null) w[k] = weight(file, row);
        }
        int n = numNodes >= 0 ? numNodes : max + 1;
        EdgeIndex edges = undirected ? EdgeIndex.undirected(src, dst, n) : EdgeIndex.of(src, dst, n);
        Tensor weights = null;
        if (w != null) {
            float[] all = w;
            if (undirected) {
                all = new float[2 * e];
                for (int k = 0; k < e; k++) all[2 * k] = all[2 * k + 1] = w[k];
            }
            weights = new Tensor(all, all.length);
        }
        return new EdgeList(edges, weights);
    }

    private static int nodeId(Path file, CsvReader.Row row, int col, String column, int numNodes)
            throws CsvFormatException {
        String cell = row.cells()[col];
        if (cell.isEmpty()) throw new CsvFormatException(file, row.line(), column, "missing node id (empty cell)");
        long id;
        try {
            id = Long.parseLong(cell);
        } catch (NumberFormatException ex) {
            throw new CsvFormatException(
                    file, row.line(), column, "'" + cell + "' is not a node id (a whole number from 0)");
        }
        if (id < 0)
            throw new CsvFormatException(file, row.line(), column, "node id " + id + " is negative; ids count from 0");
        if (numNodes >= 0 && id >= numNodes)
            throw new CsvFormatException(
                    file,
                    row.line(),
                    column,
                    "node id " + id + " is outside the graph's " + numNodes + " nodes (ids 0.." + (numNodes - 1) + ")");
        if (id >= Integer.MAX_VALUE)
            throw new CsvFormatException(file, row.line(), column, "node id " + id + " is too large");
        return (int) id;
    }

    private static float weight(Path file, CsvReader.Row row) throws CsvFormatException {
        String cell = row.cells()[2];
        float v;
        try {
            v = Float.parseFloat(cell);
        } catch (NumberFormatException ex) {
            throw new CsvFormatException(file, row.line(), WEIGHT, "'" + cell + "' is not a number");
        }
        if (!Float.isFinite(v))
            throw new CsvFormatException(file, row.line(), WEIGHT, "'" + cell + "' is not a finite number");
        return v;
    }
}
