package dev.myelin.data.csv;

import dev.myelin.tensor.Messages;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A CSV file does not fit what was asked of it; the message names the file, the line and the column, on one line
 * (a quoted column name or cell may hold line breaks, shown escaped).
 */
public class CsvFormatException extends IOException {
    /**
     * An exception whose message reads {@code <file>, line <line>, column '<column>': <problem>}.
     *
     * @param file the CSV file
     * @param line the 1-based line (the header is line 1), or 0 when no line applies
     * @param column the column's name, or null when no column applies
     * @param problem what is wrong and, where possible, how to fix it
     */
    public CsvFormatException(Path file, long line, String column, String problem) {
        super(Messages.oneLine(file + (line > 0 ? ", line " + line : "")
                + (column != null ? ", column '" + column + "'" : "") + ": " + problem));
    }
}
