package dev.myelin.io;

import dev.myelin.tensor.Messages;
import java.io.IOException;

/**
 * A model or state file that cannot be read: the message names the file and what is wrong with it, on one line
 * (control characters from the file, e.g. in a tensor's name, are escaped).
 */
public class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;

    /** A problem with {@code file}; the message is "file: problem" on one line. */
    public ModelFileException(String file, String problem) {
        super(Messages.oneLine(file + ": " + problem));
        this.file = file;
    }

    /** As {@link #ModelFileException(String, String)}, caused by {@code cause}. */
    public ModelFileException(String file, String problem, Throwable cause) {
        super(Messages.oneLine(file + ": " + problem), cause);
        this.file = file;
    }

    /** The file (or source name) the problem was found in. */
    public String file() {
        return file;
    }
}
