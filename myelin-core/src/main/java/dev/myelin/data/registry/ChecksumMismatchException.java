package dev.myelin.data.registry;

import java.io.IOException;

/** A downloaded file's SHA-256 differs from the published one; the file was discarded. */
public class ChecksumMismatchException extends IOException {
    /**
     * An exception for a file whose checksum did not match.
     *
     * @param message names the URL and both hashes
     */
    public ChecksumMismatchException(String message) {
        super(message);
    }
}
