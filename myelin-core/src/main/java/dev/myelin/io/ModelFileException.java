package dev.myelin.io;

import dev.myelin.tensor.Messages;
import java.io.IOException;

/**
 * A model or state file that cannot be read: the message names the file and what is wrong with it, on one line (control
 * characters from the file, e.g. in a tensor's name, are escaped). An {@link IOException}, so the methods that read
 * files declare only that.
 */
public class ModelFileException extends IOException {
    /** The version of the serial form. */
    private static final long serialVersionUID = 1L;
    /** The file (or source name) the problem was found in; part of the serial form. */
    private final String file;

    /**
     * A problem with {@code file}; the message is "file: problem" on one line.
     *
     * @param file the file (or source name) the problem was found in
     * @param problem what is wrong, in a sentence
     */
    public ModelFileException(String file, String problem) {
        super(Messages.oneLine(file + ": " + problem));
        this.file = file;
    }

    /**
     * As {@link #ModelFileException(String, String)}, caused by {@code cause}.
     *
     * @param file the file (or source name) the problem was found in
     * @param problem what is wrong, in a sentence
     * @param cause the exception that revealed the problem
     */
    public ModelFileException(String file, String problem, Throwable cause) {
        super(Messages.oneLine(file + ": " + problem), cause);
        this.file = file;
    }

    /** {@return the file (or source name) the problem was found in, as given, not escaped} */
    public String file() {
        return file;
    }
}
