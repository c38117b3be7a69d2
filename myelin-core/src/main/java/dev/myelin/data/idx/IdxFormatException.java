package dev.myelin.data.idx;

import dev.myelin.tensor.Messages;
import java.io.IOException;
import java.nio.file.Path;

/** A file is not a valid IDX file of the expected kind; the message names the file and the problem. */
public class IdxFormatException extends IOException {
    private final transient Path file;

    public IdxFormatException(Path file, String problem) {
        super(Messages.oneLine(file + ": " + problem));
        this.file = file;
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(Messages.oneLine(file + ": " + problem), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
