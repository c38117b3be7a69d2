package dev.myelin.cli.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A run's history.csv as the page draws it: the columns and one row of numbers per epoch (null where the value is
 * NaN or empty). It is read while the run may be writing it, so a last line without its newline is one being
 * written and waits for the next read; any other bad line is left out and named in {@code problems}, and a file
 * that is not a history at all gives no rows and says why.
 */
record HistoryTable(List<String> columns, List<List<Double>> rows, List<String> problems) {
    static final String FILE = "history.csv";
    /** Far beyond any run's history (a line per epoch); a larger file is not one. */
    static final long MAX_BYTES = 32L << 20;

    static final HistoryTable EMPTY = new HistoryTable(List.of(), List.of(), List.of());

    static HistoryTable read(Path run) {
        Path file = run.resolve(FILE);
        String text;
        try {
            if (!Files.isRegularFile(file)) return EMPTY;
            if (Files.size(file) > MAX_BYTES)
                return failed(FILE + " is larger than " + (MAX_BYTES >> 20) + " MiB; not a run's history");
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return EMPTY; // deleted while we looked
        } catch (IOException e) {
            return failed("cannot read " + FILE + ": " + e.getMessage());
        }
        return parse(text);
    }

    static HistoryTable parse(String text) {
        if (text.isBlank()) return EMPTY;
        int end = text.lastIndexOf('\n') + 1; // bytes after the last newline are a line still being written
        List<String> problems = new ArrayList<>();
        List<List<Double>> rows = new ArrayList<>();
        List<String> columns;
        try (CSVParser csv = CSVParser.parse(
                text.substring(0, end), CSVFormat.DEFAULT.builder().setHeader().get())) {
            columns = List.copyOf(csv.getHeaderNames());
            if (!columns.contains("epoch"))
                return failed(FILE + ": the first line has no \"epoch\" column, so this is not a history (header "
                        + columns + ")");
            for (CSVRecord r : csv) {
                List<Double> row = row(r, columns.size());
                if (row == null)
                    problems.add(FILE + " line " + (r.getRecordNumber() + 1) + ": expected " + columns.size()
                            + " numbers (" + String.join(",", columns) + "), got \"" + String.join(",", r.values())
                            + "\"; line left out");
                else rows.add(row);
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return failed(FILE + ": not CSV (" + e.getMessage() + ")");
        }
        return new HistoryTable(columns, Collections.unmodifiableList(rows), List.copyOf(problems));
    }

    private static List<Double> row(CSVRecord r, int width) {
        if (r.size() != width) return null;
        List<Double> row = new ArrayList<>(width);
        for (String v : r.values()) {
            String s = v.strip();
            if (s.isEmpty()) {
                row.add(null);
                continue;
            }
            try {
                double d = Double.parseDouble(s);
                row.add(Double.isFinite(d) ? d : null); // JSON has no NaN or Infinity: the chart leaves a gap
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return row;
    }

    private static HistoryTable failed(String problem) {
        return new HistoryTable(List.of(), List.of(), List.of(problem));
    }

    /** The last value of a column, or null. */
    Double last(String column) {
        int i = columns.indexOf(column);
        if (i < 0) return null;
        for (int r = rows.size() - 1; r >= 0; r--)
            if (rows.get(r).get(i) != null) return rows.get(r).get(i);
        return null;
    }
}
