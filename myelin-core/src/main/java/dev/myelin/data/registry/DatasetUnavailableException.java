package dev.myelin.data.registry;

import java.io.IOException;

/** A data set is neither on disk nor downloadable; the message says where to put the files. */
public class DatasetUnavailableException extends IOException {
    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
