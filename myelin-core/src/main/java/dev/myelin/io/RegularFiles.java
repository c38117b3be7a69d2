package dev.myelin.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The check every reader makes before it opens a path: the path must be a regular file. A directory cannot be
 * read, a FIFO blocks the open until someone writes, and a device such as /dev/zero never ends; each is an
 * error naming the path instead.
 */
public final class RegularFiles {
    private RegularFiles() {}

    /**
     * Fails unless {@code file} (after following links) is a regular file; {@code what} says what it should be ("model
     * file", "CSV file") in the message.
     *
     * @param file the path about to be read
     * @param what what the file should be, for the message
     * @throws java.nio.file.NoSuchFileException if nothing is there ("model file not found")
     * @throws IOException if the path is a directory, a device, FIFO or socket, or a broken link
     */
    public static void require(Path file, String what) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, what + " not found");
        }
        if (a.isRegularFile()) return;
        String kind = a.isDirectory() ? "a directory" : a.isOther() ? "a device, FIFO or socket" : "not a regular file";
        if (!a.isDirectory()
                && !a.isOther()
                && Files.isSymbolicLink(file)
                && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) kind = "a broken link";
        throw new IOException(file + ": is " + kind + ", not a regular " + what);
    }
}
