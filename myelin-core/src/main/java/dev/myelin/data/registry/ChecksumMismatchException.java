package dev.myelin.data.registry;

import java.io.IOException;

/** A downloaded file's SHA-256 differs from the published one; the file was discarded. */
public class ChecksumMismatchException extends IOException {
    public ChecksumMismatchException(String message) {
        super(message);
    }
}
