package dev.myelin.io;

import java.io.IOException;

/** A model or state file that cannot be read: the message names the file and what is wrong with it. */
public class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;

    public ModelFileException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ModelFileException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file (or source name) the problem was found in. */
    public String file() {
        return file;
    }
}
