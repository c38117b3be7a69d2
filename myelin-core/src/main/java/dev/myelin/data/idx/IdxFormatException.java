package dev.myelin.data.idx;

import dev.myelin.tensor.Messages;
import java.io.IOException;
import java.nio.file.Path;

/** A file is not a valid IDX file of the expected kind; the message names the file and the problem. */
public class IdxFormatException extends IOException {
    private final transient Path file;

    /**
     * An exception whose message reads {@code <file>: <problem>}.
     *
     * @param file the IDX file
     * @param problem what is wrong with it
     */
    public IdxFormatException(Path file, String problem) {
        super(Messages.oneLine(file + ": " + problem));
        this.file = file;
    }

    /**
     * An exception whose message reads {@code <file>: <problem>}, with the underlying failure.
     *
     * @param file the IDX file
     * @param problem what is wrong with it
     * @param cause the underlying failure, e.g. a corrupt gzip stream
     */
    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(Messages.oneLine(file + ": " + problem), cause);
        this.file = file;
    }

    /** {@return the file that failed to read (not serialized: null after deserialization)} */
    public Path file() {
        return file;
    }
}
