package dev.myelin.data.registry;

/**
 * Receives download progress, e.g. to draw a progress bar. Called on the downloading thread, from time to time
 * and once at the end of each file.
 */
@FunctionalInterface
public interface DownloadProgress {
    /** Ignores all progress. */
    DownloadProgress NONE = (file, bytesRead, totalBytes) -> {};

    /**
     * Reports how far the download of one file has come.
     *
     * @param file       the file name being downloaded
     * @param bytesRead  bytes received so far
     * @param totalBytes the announced size, or -1 if the server did not send one
     */
    void update(String file, long bytesRead, long totalBytes);
}
