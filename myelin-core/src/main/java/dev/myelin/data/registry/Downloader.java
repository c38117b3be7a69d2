package dev.myelin.data.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads one file over HTTP(S) into a temporary file next to the target, checks its length against
 * Content-Length and its SHA-256 against the expected value, and only then renames it into place. On any
 * failure the temporary file is deleted, so the target either does not exist or is complete and verified.
 */
public final class Downloader {
    private static final int CHUNK = 1 << 16;
    private final HttpClient client;
    private final Duration timeout;

    /**
     * A downloader using the given client.
     *
     * @param client the HTTP client (its redirect policy and connect timeout apply)
     * @param timeout the request timeout: how long to wait for the server's response to begin
     */
    public Downloader(HttpClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * A downloader with its own HTTP/1.1 client: redirects followed, 30 s connect timeout, 5 min request timeout
     * (until the response begins; the body itself is not timed).
     */
    public Downloader() {
        this(
                HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .connectTimeout(Duration.ofSeconds(30))
                        .version(HttpClient.Version.HTTP_1_1)
                        .build(),
                Duration.ofMinutes(5));
    }

    /**
     * Downloads {@code url} to {@code target} if its SHA-256 is {@code sha256}; reports progress as it goes. The
     * target's directory is created; an existing target is replaced only by a verified file.
     *
     * @param url the file's URL
     * @param target where the verified file goes
     * @param sha256 the expected SHA-256 in hex (case ignored)
     * @param progress told about the bytes received
     * @throws ChecksumMismatchException if the bytes have another SHA-256
     * @throws IOException if the server cannot be reached, answers with a status other than 200, the transfer
     *     breaks off or is shorter than announced, or the file cannot be written
     */
    public void download(URI url, Path target, String sha256, DownloadProgress progress) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String name = target.getFileName().toString();
        Path tmp = Files.createTempFile(dir, "." + name + ".", ".part");
        try {
            String actual = fetch(url, tmp, name, progress);
            if (!actual.equalsIgnoreCase(sha256))
                throw new ChecksumMismatchException(
                        "download of " + url + " has SHA-256 " + actual + " but " + sha256
                                + " was expected; the file was discarded (corrupt transfer or a changed/wrong file on the server)");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private String fetch(URI url, Path tmp, String name, DownloadProgress progress) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + url + " was interrupted", e);
        } catch (IOException e) {
            throw new IOException(
                    "download of " + url + " failed: " + describe(e) + " (no network, or the server is unreachable)",
                    e);
        }
        MessageDigest sha = sha256();
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1), read = 0;
        try (InputStream in = response.body();
                OutputStream out = Files.newOutputStream(tmp)) {
            if (response.statusCode() != 200)
                throw new IOException("download of " + url + " failed: HTTP status " + response.statusCode());
            byte[] buf = new byte[CHUNK];
            int n;
            progress.update(name, 0, total);
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                sha.update(buf, 0, n);
                read += n;
                progress.update(name, read, total);
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("download of ")) throw e;
            throw new IOException(
                    "download of " + url + " broke off after " + read + (total >= 0 ? " of " + total : "") + " bytes: "
                            + describe(e),
                    e);
        }
        if (total >= 0 && read != total)
            throw new IOException("download of " + url + " was cut off: received " + read + " of " + total + " bytes");
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The exception's message, or its type (and its cause's) when it has none, as the JDK's ConnectException. */
    private static String describe(Throwable e) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            String part = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
            if (parts.isEmpty() || !parts.getLast().equals(part)) parts.add(part);
            if (t.getMessage() != null) break;
        }
        return String.join(": ", parts);
    }

    /**
     * Hashes a file, e.g. to check one put in place by hand.
     *
     * @param file the file to read
     * @return its SHA-256 as 64 lower-case hex digits
     * @throws IOException if the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) > 0) sha.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
