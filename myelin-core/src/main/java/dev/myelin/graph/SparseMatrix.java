package dev.myelin.graph;

import dev.myelin.tensor.Tensor;

/**
 * A sparse matrix's structure: entries as COO (row, column) pairs in the caller's order, with a CSR and the CSR of
 * the transpose built on first use (counting sorts, stable, so a row's entries keep the COO order). Values are not
 * part of it: a product takes them as a tensor of one value per COO entry, so the same structure serves any edge
 * weights and their gradients. Immutable; the CSRs are built on first use and kept (safe to share across threads: a
 * race can only build one twice, equal).
 */
public final class SparseMatrix {
    /**
     * Compressed rows: row r's entries are positions [rowPtr[r], rowPtr[r+1]) of {@code col} (their columns) and of
     * {@code entry} (their positions in the COO order, where their values are). The arrays are the matrix's own,
     * shared for speed: read them, never write them.
     *
     * @param rows the number of rows
     * @param rowPtr row r's entries are positions [rowPtr[r], rowPtr[r+1]); length rows + 1
     * @param col the column of each entry, in CSR order
     * @param entry the position of each entry in the COO order (where its value is)
     */
    public record Csr(int rows, int[] rowPtr, int[] col, int[] entry) {}

    private final int rows, cols;
    private final int[] rowIdx, colIdx;
    private volatile Csr csr, transposed;

    private SparseMatrix(int rows, int cols, int[] rowIdx, int[] colIdx, Csr csr, Csr transposed) {
        this.rows = rows;
        this.cols = cols;
        this.rowIdx = rowIdx;
        this.colIdx = colIdx;
        this.csr = csr;
        this.transposed = transposed;
    }

    /**
     * A [rows, cols] structure with entries (rowIdx[p], colIdx[p]); the arrays are copied and every index checked
     * (the message names the entry and the bound). Duplicate entries are allowed: their values add up.
     *
     * @param rowIdx the row of each entry
     * @param colIdx the column of each entry
     * @param rows the number of rows, at least 0
     * @param cols the number of columns, at least 0
     * @return the structure
     * @throws IllegalArgumentException if a size is negative or the index arrays differ in length
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public static SparseMatrix coo(int[] rowIdx, int[] colIdx, int rows, int cols) {
        if (rows < 0 || cols < 0)
            throw new IllegalArgumentException(
                    "SparseMatrix: shape must be non-negative, got [" + rows + ", " + cols + "]");
        if (rowIdx.length != colIdx.length)
            throw new IllegalArgumentException(
                    "SparseMatrix: " + rowIdx.length + " row indices but " + colIdx.length + " column indices");
        check("row", rowIdx, rows);
        check("column", colIdx, cols);
        return new SparseMatrix(rows, cols, rowIdx.clone(), colIdx.clone(), null, null);
    }

    /** The trusted constructor for indices already checked (EdgeIndex's). */
    static SparseMatrix trusted(int[] rowIdx, int[] colIdx, int rows, int cols) {
        return new SparseMatrix(rows, cols, rowIdx, colIdx, null, null);
    }

    /**
     * The [size, n] 0/1 matrix that groups n elements by {@code index} (element e belongs to row index[e]): times a
     * dense [n, F] it is the scatter-sum of the rows by index; its transpose gathers.
     *
     * @param index the group of each element, values in [0, size)
     * @param size the number of groups
     * @return the grouping, [size, n]
     * @throws IndexOutOfBoundsException if an index is outside [0, size)
     */
    public static SparseMatrix grouping(int[] index, int size) {
        int[] arange = new int[index.length];
        for (int e = 0; e < arange.length; e++) arange[e] = e;
        check("index", index, size);
        return new SparseMatrix(size, index.length, index.clone(), arange, null, null);
    }

    private static void check(String what, int[] idx, int bound) {
        for (int p = 0; p < idx.length; p++)
            if (idx[p] < 0 || idx[p] >= bound)
                throw new IndexOutOfBoundsException("SparseMatrix: " + what + " index of entry " + p + " is " + idx[p]
                        + ", outside [0, " + bound + ")");
    }

    /** {@return the number of rows} */
    public int rows() {
        return rows;
    }

    /** {@return the number of columns} */
    public int cols() {
        return cols;
    }

    /** {@return the number of stored entries (duplicates counted)} */
    public int nnz() {
        return rowIdx.length;
    }

    /** {@return Aᵀ, sharing this structure's arrays and CSRs} */
    public SparseMatrix transpose() {
        return new SparseMatrix(cols, rows, colIdx, rowIdx, transposed, csr);
    }

    /** {@return the CSR of this matrix, built on first use} */
    public Csr csr() {
        Csr c = csr;
        if (c == null) csr = c = compress(rows, rowIdx, colIdx);
        return c;
    }

    /**
     * {@return the CSR of the transpose (the CSC of this matrix)} It is what the backward of a product with respect
     * to the dense side runs on.
     */
    public Csr transposedCsr() {
        Csr c = transposed;
        if (c == null) transposed = c = compress(cols, colIdx, rowIdx);
        return c;
    }

    /** A stable counting sort of the entries by {@code major}. */
    private static Csr compress(int n, int[] major, int[] minor) {
        int[] ptr = new int[n + 1];
        for (int m : major) ptr[m + 1]++;
        for (int r = 0; r < n; r++) ptr[r + 1] += ptr[r];
        int[] next = java.util.Arrays.copyOf(ptr, n), col = new int[major.length], entry = new int[major.length];
        for (int p = 0; p < major.length; p++) {
            int at = next[major[p]]++;
            col[at] = minor[p];
            entry[at] = p;
        }
        return new Csr(n, ptr, col, entry);
    }

    /** {@return the number of entries in each row, [rows]} */
    public int[] rowCounts() {
        int[] ptr = csr().rowPtr(), counts = new int[rows];
        for (int r = 0; r < rows; r++) counts[r] = ptr[r + 1] - ptr[r];
        return counts;
    }

    /**
     * The dense [rows, cols] matrix with the given values, duplicates summed: for tests and small graphs.
     *
     * @param values one value per entry, [nnz], or null for ones
     * @return the dense matrix, [rows, cols]
     * @throws IllegalArgumentException if the number of values is not nnz
     */
    public Tensor toDense(Tensor values) {
        float[] v = values == null ? null : values.toArray();
        if (v != null && v.length != nnz())
            throw new IllegalArgumentException(
                    "SparseMatrix.toDense: " + v.length + " values for " + nnz() + " entries");
        float[] d = new float[Math.multiplyExact(rows, cols)];
        for (int p = 0; p < rowIdx.length; p++) d[rowIdx[p] * cols + colIdx[p]] += v == null ? 1 : v[p];
        return new Tensor(d, rows, cols);
    }
}
