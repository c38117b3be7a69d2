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
 * bad cell is an error naming the file, the line and the column. Named numeric columns can be read as edge features
 * (PyTorch Geometric's {@code edge_attr}, for {@code GATConv}'s {@code edgeDim}); other columns are ignored. An
 * undirected list gives both directions of each edge (PyTorch Geometric's convention), each with the line's weight
 * and features.
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
        return read(file, numNodes, undirected, List.of());
    }

    /**
     * Reads an edge list file with edge features from the named columns.
     *
     * @param file a CSV file with the columns {@code source}, {@code target}, the feature columns and optionally
     *     {@code weight}
     * @param numNodes the graph's node count, or −1 for one more than the largest id in the file
     * @param undirected whether each line stands for an edge in both directions
     * @param featureColumns the columns to read as edge features, in this order (finite numbers); none for no features
     * @return the edges, their weights (null without a weight column) and features ([E, featureColumns.size()], null
     *     for no feature columns)
     * @throws dev.myelin.data.csv.CsvFormatException if a cell, row or column is wrong (the message names the file,
     *     line and column; a missing feature column names the available ones)
     * @throws IOException if the file is missing, not a regular file or unreadable
     * @throws IllegalArgumentException if featureColumns is null, or a feature column is null, named twice, or is source,
     *     target or weight
     */
    public static EdgeList read(Path file, int numNodes, boolean undirected, List<String> featureColumns)
            throws IOException {
        if (featureColumns == null)
            throw new IllegalArgumentException("edge feature columns must not be null; pass List.of() for none");
        int d = featureColumns.size();
        for (int c = 0; c < d; c++) {
            String name = featureColumns.get(c);
            if (name == null || List.of(SOURCE, TARGET, WEIGHT).contains(name) || featureColumns.indexOf(name) != c)
                throw new IllegalArgumentException("edge feature columns must be distinct and not source, target or "
                        + "weight; got " + featureColumns);
        }
        List<String> columns = new java.util.ArrayList<>(List.of(SOURCE, TARGET));
        columns.addAll(featureColumns);
        columns.add(WEIGHT); // last: the one optional column
        List<CsvReader.Row> rows = CsvReader.readCells(file, columns, 2 + d);
        int e = rows.size();
        int[] src = new int[e], dst = new int[e];
        float[] w = rows.get(0).cells()[2 + d] == null ? null : new float[e];
        float[] attr = new float[e * d];
        int max = -1;
        for (int k = 0; k < e; k++) {
            CsvReader.Row row = rows.get(k);
            src[k] = nodeId(file, row, 0, SOURCE, numNodes);
            dst[k] = nodeId(file, row, 1, TARGET, numNodes);
            max = Math.max(max, Math.max(src[k], dst[k]));
            for (int c = 0; c < d; c++) attr[k * d + c] = number(file, row, 2 + c, featureColumns.get(c));
            if (w != null) w[k] = number(file, row, 2 + d, WEIGHT);
        }
        int n = numNodes >= 0 ? numNodes : max + 1;
        EdgeIndex edges = undirected ? EdgeIndex.undirected(src, dst, n) : EdgeIndex.of(src, dst, n);
        int m = edges.numEdges();
        Tensor weights = w == null ? null : new Tensor(perDirectedEdge(w, 1, undirected), m);
        Tensor features = d == 0 ? null : new Tensor(perDirectedEdge(attr, d, undirected), m, d);
        return new EdgeList(edges, weights, features);
    }

    /** Rows of width d, one per line, as one row per directed edge: each line's row twice when undirected. */
    private static float[] perDirectedEdge(float[] perLine, int d, boolean undirected) {
        if (!undirected) return perLine;
        float[] all = new float[2 * perLine.length]; // EdgeIndex.undirected puts line k's two directions at 2k, 2k + 1
        for (int k = 0; k < perLine.length / d; k++) {
            System.arraycopy(perLine, k * d, all, 2 * k * d, d);
            System.arraycopy(perLine, k * d, all, (2 * k + 1) * d, d);
        }
        return all;
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

    private static float number(Path file, CsvReader.Row row, int col, String column) throws CsvFormatException {
        String cell = row.cells()[col];
        float v;
        try {
            v = Float.parseFloat(cell);
        } catch (NumberFormatException ex) {
            throw new CsvFormatException(file, row.line(), column, "'" + cell + "' is not a number");
        }
        if (!Float.isFinite(v))
            throw new CsvFormatException(file, row.line(), column, "'" + cell + "' is not a finite number");
        return v;
    }
}
