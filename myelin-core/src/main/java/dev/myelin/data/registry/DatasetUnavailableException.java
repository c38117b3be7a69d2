package dev.myelin.data.registry;

import java.io.IOException;

/** A data set is neither on disk nor downloadable; the message says where to put the files. */
public class DatasetUnavailableException extends IOException {
    /**
     * An exception for a data set that could not be found or downloaded.
     *
     * @param message why, and the directories where the files may be put
     * @param cause the first download failure, or null if downloading was switched off
     */
    public DatasetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
