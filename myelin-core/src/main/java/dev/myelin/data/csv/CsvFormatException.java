package dev.myelin.data.csv;

import dev.myelin.tensor.Messages;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A CSV file does not fit what was asked of it; the message names the file, the line and the column, on one line
 * (a quoted column name or cell may hold line breaks, shown escaped).
 */
public class CsvFormatException extends IOException {
    public CsvFormatException(Path file, long line, String column, String problem) {
        super(Messages.oneLine(file + (line > 0 ? ", line " + line : "")
                + (column != null ? ", column '" + column + "'" : "") + ": " + problem));
    }
}
