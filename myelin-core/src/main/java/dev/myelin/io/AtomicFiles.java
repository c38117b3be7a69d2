package dev.myelin.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a crash never leaves a torn one: the content goes to a temporary file in the same
 * directory, is flushed to disk (fsync), and then atomically renamed over the target. Readers see either
 * the old file or the complete new one. A crash can leave a temporary file behind (never the target torn);
 * {@link #removeStaleTemporaries} removes such files when writing starts again.
 */
public final class AtomicFiles {
    private static final Set<PosixFilePermission> DEFAULT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {}

    /** Produces a file's content on the stream it is given; must not retain the stream. */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * Writes the whole content to {@code out} (buffered; closing it is not needed).
         *
         * @param out the stream to the temporary file
         * @throws IOException if writing fails; the target is then left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code bytes} to {@code target}, atomically (see {@link #write(Path, ContentWriter)}).
     *
     * @param target the file to create or replace
     * @param bytes the whole content
     * @throws IOException if {@code target} is a directory or has no parent, the file system cannot rename atomically,
     *     or writing fails; the target is then left as it was
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes {@code text} as UTF-8 to {@code target}, atomically (for JSON and CSV results).
     *
     * @param target the file to create or replace
     * @param text the whole content
     * @throws IOException if {@code target} is a directory or has no parent, the file system cannot rename atomically,
     *     or writing fails; the target is then left as it was
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes whatever {@code writer} produces to {@code target}, atomically. Parent directories are created; a replaced
     * file's POSIX permissions are kept (a new file gets rw-r--r--). If the writer throws, the target is left as it was
     * and the temporary file is removed.
     * <pre>{@code
     * AtomicFiles.write(Path.of("out/results.csv"), out -> out.write(csvBytes));
     * }</pre>
     *
     * @param target the file to create or replace
     * @param writer produces the content on the stream it is given
     * @throws IOException if {@code target} is a directory or has no parent, the file system cannot rename atomically
     *     (write to a local disk), or the writer or the disk fails
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null) throw new IOException(target + ": cannot write to a path without a parent directory");
        if (Files.isDirectory(abs)) throw new IOException(target + ": is a directory; give a file name");
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            copyPermissions(abs, tmp);
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.writeTo(new FilterOutputStream(buffered) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len); // FilterOutputStream's default writes byte by byte
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the channel stays open for fsync
                    }
                });
                buffered.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        target + ": the file system does not support atomic rename; write to a local disk", e);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    /**
     * Removes what a write to {@code target} interrupted by a crash (kill -9, power loss) left behind: its temporary
     * files ({@code .NAME.<digits>.tmp} beside it). Call it when a program starts writing there again; a write to the
     * same target running at the same moment in another process would lose its temporary file.
     *
     * @param target the file whose leftover temporaries to remove
     * @return how many files were removed
     * @throws IOException if the directory cannot be listed or a file cannot be deleted
     */
    public static int removeStaleTemporaries(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        String name = abs.getFileName().toString();
        return removeMatching(
                abs.getParent(),
                n -> n.startsWith("." + name + ".")
                        && isTemporaryName(n)
                        && n.length() > name.length() + 6
                        && n.substring(name.length() + 2, n.length() - 4)
                                .chars()
                                .allMatch(Character::isDigit));
    }

    /**
     * As {@link #removeStaleTemporaries(Path)}, for every target in {@code dir} (a run directory being written anew).
     *
     * @param dir the directory to clean; nothing happens if it does not exist
     * @return how many files were removed
     * @throws IOException if the directory cannot be listed or a file cannot be deleted
     */
    public static int removeStaleTemporariesIn(Path dir) throws IOException {
        return removeMatching(dir.toAbsolutePath(), AtomicFiles::isTemporaryName);
    }

    /** {@code .NAME.<digits>.tmp}, the names {@link #write} gives its temporary files. */
    private static boolean isTemporaryName(String n) {
        if (!n.startsWith(".") || !n.endsWith(".tmp")) return false;
        String middle = n.substring(1, n.length() - 4);
        int dot = middle.lastIndexOf('.');
        return dot > 0
                && dot < middle.length() - 1
                && middle.substring(dot + 1).chars().allMatch(Character::isDigit);
    }

    private static int removeMatching(Path dir, java.util.function.Predicate<String> stale) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) return 0;
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator)
                if (stale.test(p.getFileName().toString())
                        && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.deleteIfExists(p)) removed++;
        }
        return removed;
    }

    private static void copyPermissions(Path target, Path tmp) {
        try {
            Set<PosixFilePermission> perms =
                    Files.exists(target) ? Files.getPosixFilePermissions(target) : DEFAULT_PERMISSIONS;
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system, or not ours to change: keep the temp file's permissions
        }
    }

    /** Makes the rename itself durable; not possible on every platform, so failure is ignored. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Windows cannot open a directory; the data itself is already on disk
        }
    }
}
