package dev.myelin.data.csv;

import dev.myelin.OptionalDependency;
import dev.myelin.data.preprocessing.LabelEncoder;
import dev.myelin.data.preprocessing.OneHotEncoder;
import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file with a header row into a {@link CsvDataset}. One column is the label (chosen by name or
 * index); every other column is a feature. A feature column's type is decided from all its cells: numeric when
 * every cell is a finite number, categorical when it is declared so or when most of its cells are not numbers; a
 * column of numbers with a few other cells ({@code inf}, {@code abc}) is an error naming the first of them.
 * Categorical columns are one-hot encoded with sorted categories, numeric ones parsed as floats. Empty cells and
 * non-numbers in numeric columns are errors naming the file, the line and the column.
 *
 * <p>Only regular files are read, as strict UTF-8 (an invalid byte is an error naming its line; a byte-order mark
 * is dropped), and only as much as this JVM can hold: a file whose cells would need more than half the maximum
 * heap is refused with a message saying so, before it exhausts the memory.
 *
 * <p>Reading needs the optional {@code org.apache.commons:commons-csv} jar; without it every read throws an
 * {@link IllegalStateException} naming the artifact to add.
 *
 * <pre>{@code
 * CsvDataset train = CsvReader.builder().labelColumn("species").build().read(Path.of("iris.csv"));
 * CsvDataset more = CsvReader.withSchema(train.schema()).read(Path.of("new.csv"));   // same encoding
 * }</pre>
 */
public final class CsvReader {
    /** What one cell costs in memory, roughly: a String of a few characters and its slot in the row. */
    private static final long CELL_BYTES = 64;

    private final String labelName;
    private final int labelIndex;
    private final Task task;
    private final char delimiter;
    private final Set<String> declaredCategorical;
    private final CsvSchema schema;
    private final long memoryBudget;

    private CsvReader(Builder b, CsvSchema schema) {
        this.memoryBudget = b.memoryBudget;
        this.labelName = b.labelName;
        this.labelIndex = b.labelIndex;
        this.task = b.task;
        this.delimiter = b.delimiter;
        this.declaredCategorical = Set.copyOf(b.categorical);
        this.schema = schema;
    }

    /** {@return a builder: label = last column, classification, comma-separated} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a reader that applies a fitted schema (same columns, categories and classes) to another file.
     *
     * @param schema the schema of a data set read before, {@link CsvDataset#schema()}
     * @return a comma-separated reader with the schema's label column and task
     */
    public static CsvReader withSchema(CsvSchema schema) {
        Builder b = new Builder().labelColumn(schema.labelColumn()).task(schema.task());
        return new CsvReader(b, schema);
    }

    /**
     * Reads a labelled file: with a schema ({@link #withSchema}) encoded as in training, else the schema is learned
     * from this file.
     *
     * @param file a CSV file with a header row and the label column
     * @return the features, targets and schema
     * @throws CsvFormatException if the file breaks the rules above; the message names the file, line and column
     * @throws IOException if the file is missing, not a regular file, too large for the heap, or unreadable
     */
    public CsvDataset read(Path file) throws IOException {
        Parsed p = read(file, true, Set.of());
        return new CsvDataset(p.features, p.targets, p.schema);
    }

    /**
     * The feature rows of a file read with a fitted schema ({@link #withSchema}), for prediction: the file needs
     * the schema's feature columns; its label column, if it has one, and the {@code ignored} columns are skipped.
     *
     * @param file a CSV file with a header row
     * @param ignored names of columns to skip (e.g. an id column); each must exist
     * @return the encoded features [N, F] as in training
     * @throws IllegalStateException if this reader has no schema
     * @throws CsvFormatException if the file breaks the rules above; the message names the file, line and column
     * @throws IOException if the file is missing, not a regular file, too large for the heap, or unreadable
     */
    public Tensor readFeatures(Path file, Set<String> ignored) throws IOException {
        if (schema == null) {
            throw new IllegalStateException("readFeatures needs a reader made by CsvReader.withSchema(schema)");
        }
        return read(file, false, ignored).features;
    }

    /**
     * The named numeric columns of a file, in file order of rows, as [rows, columns.size()]: a time series and
     * its companions, read as they are (no encoding, no label). Other columns are not looked at; a missing
     * column, an empty cell or a non-number is an error naming the file, the line and the column.
     *
     * @param file a CSV file with a header row
     * @param columns the names of the columns to read, in output order
     * @return the values [rows, columns.size()]
     * @throws CsvFormatException if the file breaks the rules above; the message names the file, line and column
     * @throws IOException if the file is missing, not a regular file, too large for the heap, or unreadable
     */
    public Tensor readColumns(Path file, List<String> columns) throws IOException {
        Table t = load(file);
        int[] cols = new int[columns.size()];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = t.header.indexOf(columns.get(k));
            if (cols[k] < 0)
                throw new CsvFormatException(
                        file, 1, null, "column '" + columns.get(k) + "' not found; available columns: " + t.header);
        }
        int n = t.rows.size();
        float[] x = new float[n * cols.length];
        for (int i = 0; i < n; i++) {
            if (t.rows.get(i).length != t.header.size())
                throw new CsvFormatException(
                        file,
                        t.lines.get(i),
                        null,
                        "the row has " + t.rows.get(i).length + " cells, the header has " + t.header.size());
            for (int k = 0; k < cols.length; k++)
                x[i * cols.length + k] = parse(file, t, i, cols[k], cell(file, t, i, cols[k]));
        }
        return new Tensor(x, n, cols.length);
    }

    /**
     * One record's raw cells (trimmed) for the columns asked for, and the line it starts on.
     *
     * @param line the 1-based line the record starts on, for error messages
     * @param cells one cell per column asked for, in that order; null for a missing optional column
     */
    public record Row(long line, String[] cells) {}

    /**
     * The raw cells of the named columns, record by record, for readers that parse cells themselves (a graph's
     * integer node ids): the first {@code required} names must be columns of the file (else an error naming the file
     * and the available columns); a missing optional column gives null cells. Rows with the wrong number of cells are
     * errors naming their line.
     *
     * @param file a comma-separated file with a header row
     * @param columns the names of the columns to read
     * @param required how many of the first {@code columns} must exist
     * @return one row per record, in file order
     * @throws CsvFormatException if the file breaks the rules above; the message names the file, line and column
     * @throws IOException if the file is missing, not a regular file, too large for the heap, or unreadable
     */
    public static List<Row> readCells(Path file, List<String> columns, int required) throws IOException {
        Table t = new CsvReader(new Builder(), null).load(file);
        int[] cols = new int[columns.size()];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = t.header.indexOf(columns.get(k));
            if (cols[k] < 0 && k < required)
                throw new CsvFormatException(
                        file, 1, null, "column '" + columns.get(k) + "' not found; available columns: " + t.header);
        }
        List<Row> out = new ArrayList<>(t.rows.size());
        for (int i = 0; i < t.rows.size(); i++) {
            if (t.rows.get(i).length != t.header.size())
                throw new CsvFormatException(
                        file,
                        t.lines.get(i),
                        null,
                        "the row has " + t.rows.get(i).length + " cells, the header has " + t.header.size());
            String[] cells = new String[cols.length];
            for (int k = 0; k < cols.length; k++) cells[k] = cols[k] < 0 ? null : t.rows.get(i)[cols[k]].trim();
            out.add(new Row(t.lines.get(i), cells));
        }
        return out;
    }

    /**
     * Every column of a file but {@code ignored} as numeric features (no label, no schema), with the checks of
     * {@link #read}: for inputs already encoded as numbers, e.g. a model's prediction file.
     *
     * @param file a comma-separated file with a header row
     * @param ignored names of columns to skip; each must exist
     * @return the values [rows, columns], columns in file order
     * @throws CsvFormatException if the file breaks the rules above; the message names the file, line and column
     * @throws IOException if the file is missing, not a regular file, too large for the heap, or unreadable
     */
    public static Tensor readNumeric(Path file, Set<String> ignored) throws IOException {
        return new CsvReader(new Builder(), null).read(file, false, ignored, true).features;
    }

    private Parsed read(Path file, boolean needLabel, Set<String> ignored) throws IOException {
        return read(file, needLabel, ignored, false);
    }

    /**
     * Reads the column names of a file's header row (the whole file is read, under the same rules).
     *
     * @param file a comma-separated file with a header row
     * @return the column names in file order
     * @throws CsvFormatException if the file breaks the rules above; the message names the file, line and column
     * @throws IOException if the file is missing, not a regular file, too large for the heap, or unreadable
     */
    public static List<String> columns(Path file) throws IOException {
        return new CsvReader(new Builder(), null).load(file).header;
    }

    private Parsed read(Path file, boolean needLabel, Set<String> ignored, boolean allNumeric) throws IOException {
        Table t = load(file);
        for (String c : ignored)
            if (!t.header.contains(c))
                throw new CsvFormatException(
                        file, 1, null, "column '" + c + "' to ignore not found; available columns: " + t.header);
        boolean hasLabel = needLabel || labelName != null && t.header.contains(labelName);
        String label = hasLabel ? labelColumn(file, t.header) : labelName;
        int labelCol = hasLabel ? t.header.indexOf(label) : -1;
        Task task = this.task != null ? this.task : inferTask(t, labelCol);
        List<Integer> featureCols = new ArrayList<>();
        for (int j = 0; j < t.header.size(); j++)
            if (j != labelCol && !ignored.contains(t.header.get(j))) featureCols.add(j);
        List<String> featureNames = featureCols.stream().map(t.header::get).toList();

        List<Boolean> categorical;
        if (schema != null) {
            if (!featureNames.equals(schema.featureColumns()))
                throw new CsvFormatException(
                        file,
                        1,
                        null,
                        "the feature columns " + featureNames + " differ from the schema's " + schema.featureColumns());
            categorical = schema.categorical();
        } else {
            categorical = new ArrayList<>();
            for (int j : featureCols)
                categorical.add(
                        declaredCategorical.contains(t.header.get(j)) || !allNumeric && isCategorical(file, t, j));
        }
        for (String c : declaredCategorical)
            if (!t.header.contains(c))
                throw new CsvFormatException(
                        file, 1, null, "categorical column '" + c + "' not found; available columns: " + t.header);

        // Check every cell before encoding, so the first bad cell is reported with its position.
        int n = t.rows.size();
        for (int i = 0; i < n; i++) {
            if (t.rows.get(i).length != t.header.size())
                throw new CsvFormatException(
                        file,
                        t.lines.get(i),
                        null,
                        "the row has " + t.rows.get(i).length + " cells, the header has " + t.header.size());
            for (int k = 0; k < featureCols.size(); k++) {
                String v = cell(file, t, i, featureCols.get(k));
                if (!categorical.get(k)) parse(file, t, i, featureCols.get(k), v);
            }
            if (needLabel) {
                String y = cell(file, t, i, labelCol);
                if (task == Task.REGRESSION) parse(file, t, i, labelCol, y);
            }
        }

        OneHotEncoder oneHot = schema != null ? schema.oneHot() : null;
        List<String[]> catRows = new ArrayList<>();
        int nCat = (int) categorical.stream().filter(c -> c).count();
        for (int i = 0; i < n; i++) {
            String[] r = new String[nCat];
            int c = 0;
            for (int k = 0; k < featureCols.size(); k++)
                if (categorical.get(k)) r[c++] = t.rows.get(i)[featureCols.get(k)].trim();
            catRows.add(r);
        }
        if (nCat > 0 && oneHot == null) oneHot = new OneHotEncoder().fit(catRows);
        Tensor encoded;
        try {
            encoded = nCat > 0 ? oneHot.transform(catRows) : null;
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(file, 0, null, e.getMessage() + " (categories come from the training file)");
        }

        int width = featureCols.size() - nCat + (nCat > 0 ? oneHot.outputWidth() : 0);
        float[] x = new float[n * width];
        for (int i = 0; i < n; i++) {
            int out = 0, catOffset = 0, c = 0;
            for (int k = 0; k < featureCols.size(); k++) {
                if (!categorical.get(k))
                    x[i * width + out++] = parse(file, t, i, featureCols.get(k), t.rows.get(i)[featureCols.get(k)]);
                else {
                    int size = oneHot.categories().get(c++).size();
                    System.arraycopy(encoded.data(), i * encoded.size(1) + catOffset, x, i * width + out, size);
                    out += size;
                    catOffset += size;
                }
            }
        }

        if (!needLabel) {
            return new Parsed(new Tensor(x, n, width), null, schema);
        }
        List<String> labels = new ArrayList<>();
        for (String[] r : t.rows) labels.add(r[labelCol].trim());
        Tensor targets;
        LabelEncoder<String> encoder = null;
        if (task == Task.CLASSIFICATION) {
            encoder = schema != null ? schema.labelEncoder() : new LabelEncoder<String>().fit(labels);
            try {
                targets = encoder.transformToTensor(labels);
            } catch (IllegalArgumentException e) {
                throw new CsvFormatException(file, 0, label, e.getMessage());
            }
        } else {
            float[] y = new float[n];
            for (int i = 0; i < n; i++) y[i] = parse(file, t, i, labelCol, t.rows.get(i)[labelCol]);
            targets = new Tensor(y, n, 1);
        }
        CsvSchema s = schema != null ? schema : new CsvSchema(featureNames, categorical, oneHot, label, task, encoder);
        return new Parsed(new Tensor(x, n, width), targets, s);
    }

    /** The task the label column suggests (rows too short or cells left empty are reported later, with their line). */
    private static Task inferTask(Table t, int labelCol) {
        List<String> labels = new ArrayList<>();
        for (String[] r : t.rows) {
            if (labelCol >= 0 && labelCol < r.length && !r[labelCol].isBlank()) labels.add(r[labelCol]);
        }
        return Task.infer(labels);
    }

    private String labelColumn(Path file, List<String> header) throws CsvFormatException {
        if (labelName != null) {
            if (!header.contains(labelName))
                throw new CsvFormatException(
                        file, 1, null, "label column '" + labelName + "' not found; available columns: " + header);
            return labelName;
        }
        int index = labelIndex == -1 ? header.size() - 1 : labelIndex;
        if (index < 0 || index >= header.size())
            throw new CsvFormatException(
                    file,
                    1,
                    null,
                    "label column index " + labelIndex + " is out of range; the file has " + header.size()
                            + " columns: " + header);
        return header.get(index);
    }

    /**
     * A column's type from all its cells: numeric if every non-empty cell is a finite number, categorical if most
     * are not numbers. A column of numbers with a minority of other cells is a numeric column with bad cells: the
     * first one is reported (rather than turning one stray {@code inf} into hundreds of one-hot features).
     */
    private static boolean isCategorical(Path file, Table t, int col) throws CsvFormatException {
        int numbers = 0, others = 0, firstOther = -1;
        for (int i = 0; i < t.rows.size(); i++) {
            String[] r = t.rows.get(i);
            if (col >= r.length || r[col].isBlank()) continue;
            if (isNumber(r[col].trim())) numbers++;
            else if (others++ == 0) firstOther = i;
        }
        if (others == 0) return false;
        if (others * 2 >= numbers + others) return true; // mostly text: categories
        String v = t.rows.get(firstOther)[col].trim();
        throw new CsvFormatException(
                file,
                t.lines.get(firstOther),
                t.header.get(col),
                "'" + v + "' is not a finite number, but "
                        + numbers + " of the column's " + (numbers + others)
                        + " cells are numbers; fix the cell, or declare the column categorical"
                        + " if it holds categories");
    }

    /** Whether a cell (trimmed) is a finite float, without Java's f/d suffixes. */
    static boolean isNumber(String s) {
        try {
            return Float.isFinite(Float.parseFloat(s))
                    && !s.endsWith("f")
                    && !s.endsWith("d")
                    && !s.endsWith("F")
                    && !s.endsWith("D");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String cell(Path file, Table t, int row, int col) throws CsvFormatException {
        String v = t.rows.get(row)[col].trim();
        if (v.isEmpty())
            throw new CsvFormatException(file, t.lines.get(row), t.header.get(col), "missing value (empty cell)");
        return v;
    }

    private static float parse(Path file, Table t, int row, int col, String raw) throws CsvFormatException {
        String v = raw.trim();
        if (!isNumber(v))
            throw new CsvFormatException(
                    file,
                    t.lines.get(row),
                    t.header.get(col),
                    "'" + v + "' is not a finite number, but the column is numeric"
                            + " (declare it categorical if it holds categories)");
        return Float.parseFloat(v);
    }

    /** A file's features, its targets (null when read without a label) and the schema they were encoded with. */
    private record Parsed(Tensor features, Tensor targets, CsvSchema schema) {}

    /** The raw cells with the line on which each record starts. */
    private record Table(List<String> header, List<String[]> rows, List<Long> lines) {}

    private Table load(Path file) throws IOException {
        OptionalDependency.COMMONS_CSV.require(
                "Reading CSV files (CsvReader, CsvDataset)"); // before any commons-csv class
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(false)
                .get();
        String text = CsvText.read(file, memoryBudget);
        long cellBudget = memoryBudget - 3L * text.length(); // the bytes, the text, and the cells cut from it
        try (Reader r = new StringReader(text);
                CSVParser p = CSVParser.parse(r, format)) {
            List<String> header = p.getHeaderNames();
            if (header.isEmpty())
                throw new CsvFormatException(file, 1, null, "no header row; the first line must name the columns");
            Set<String> seen = new HashSet<>();
            for (String h : header)
                if (!seen.add(h)) throw new CsvFormatException(file, 1, h, "duplicate column name in the header");
            List<String[]> rows = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            long previousEnd = p.getCurrentLineNumber();
            try {
                long cellsSeen = 0;
                for (CSVRecord rec : p) {
                    // A record starts on the line after the previous one ended (quoted fields may span lines).
                    lines.add(previousEnd + 1);
                    previousEnd = p.getCurrentLineNumber();
                    cellsSeen += rec.size();
                    if (cellsSeen * CELL_BYTES > cellBudget)
                        throw new CsvFormatException(
                                file,
                                previousEnd,
                                null,
                                "too large to read: " + cellsSeen + " cells up to here would need more than "
                                        + (memoryBudget >> 20)
                                        + " MiB (half of this JVM's maximum heap); read a part of the file, or give Java more memory (-Xmx)");
                    String[] cells = new String[rec.size()];
                    for (int j = 0; j < cells.length; j++) cells[j] = rec.get(j);
                    rows.add(cells);
                }
            } catch (UncheckedIOException e) {
                throw new CsvFormatException(
                        file,
                        previousEnd + 1,
                        null,
                        "malformed CSV: " + e.getCause().getMessage());
            }
            if (rows.isEmpty()) throw new CsvFormatException(file, 0, null, "no data rows after the header");
            return new Table(List.copyOf(header), rows, lines);
        } catch (IllegalArgumentException e) {
            throw new CsvFormatException(file, 1, null, "bad header: " + e.getMessage());
        } catch (CsvFormatException e) {
            throw e;
        } catch (IOException e) { // the parser's own complaint about the header row (a stray quote, say)
            throw new CsvFormatException(file, 1, null, "malformed CSV header: " + e.getMessage());
        }
    }

    /**
     * Configuration of a {@link CsvReader}. Default: label = last column, classification (or {@link #inferTask()}),
     * comma-separated.
     */
    public static final class Builder {
        private String labelName;
        private int labelIndex = -1;
        private Task task = Task.CLASSIFICATION;
        private char delimiter = ',';
        private final List<String> categorical = new ArrayList<>();
        private long memoryBudget = Runtime.getRuntime().maxMemory() / 2;

        private Builder() {}

        /** The memory a read may take (file text and cells), for tests of the limit; default half the maximum heap. */
        Builder memoryBudget(long bytes) {
            this.memoryBudget = bytes;
            return this;
        }

        /**
         * Sets the label column by its header name.
         *
         * @param name the label column's name; reading a file without it is an error
         * @return this builder
         */
        public Builder labelColumn(String name) {
            this.labelName = name;
            return this;
        }

        /**
         * Sets the label column by position.
         *
         * @param index the 0-based column index; -1 means the last column (the default)
         * @return this builder
         */
        public Builder labelColumn(int index) {
            this.labelName = null;
            this.labelIndex = index;
            return this;
        }

        /**
         * States the task instead of inferring it; default {@link Task#CLASSIFICATION}.
         *
         * @param task how to read the label column
         * @return this builder
         */
        public Builder task(Task task) {
            this.task = task;
            return this;
        }

        /**
         * Decides classification or regression from the label column ({@link Task#infer}) when reading.
         *
         * @return this builder
         */
        public Builder inferTask() {
            this.task = null;
            return this;
        }

        /**
         * Sets the cell separator; default {@code ','}.
         *
         * @param delimiter e.g. {@code ';'} or {@code '\t'}
         * @return this builder
         */
        public Builder delimiter(char delimiter) {
            this.delimiter = delimiter;
            return this;
        }

        /**
         * Treats these columns as categorical even if they hold numbers (e.g. zip codes); adds to earlier calls.
         *
         * @param names the columns' header names
         * @return this builder
         */
        public Builder categoricalColumns(String... names) {
            categorical.addAll(Arrays.asList(names));
            return this;
        }

        /** {@return a reader with this configuration, learning its schema from the file it reads} */
        public CsvReader build() {
            return new CsvReader(this, null);
        }
    }
}
