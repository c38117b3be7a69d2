package dev.myelin.data.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against the JDK's HTTP server on 127.0.0.1. */
class DownloaderTest {
    static final byte[] PAYLOAD = new byte[200_000];

    static {
        for (int i = 0; i < PAYLOAD.length; i++) PAYLOAD[i] = (byte) (i * 31 + 7);
    }

    @TempDir
    Path dir;

    HttpServer server;

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/good.bin", ex -> {
            ex.sendResponseHeaders(200, PAYLOAD.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(PAYLOAD);
            }
        });
        server.createContext("/cut.bin", ex -> {
            // Announce the full length, send a third, then drop the connection.
            ex.sendResponseHeaders(200, PAYLOAD.length);
            OutputStream out = ex.getResponseBody();
            out.write(PAYLOAD, 0, PAYLOAD.length / 3);
            out.flush();
            ex.close();
        });
        server.createContext("/missing.bin", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private List<Path> filesIn(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void goodDownloadIsVerifiedPlacedAndReportsProgress() throws Exception {
        Path target = dir.resolve("sub/good.bin");
        List<long[]> updates = new ArrayList<>();
        new Downloader()
                .download(
                        url("/good.bin"),
                        target,
                        sha256(PAYLOAD),
                        (f, read, total) -> updates.add(new long[] {read, total}));
        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(filesIn(target.getParent())).containsExactly(target);
        assertThat(updates).isNotEmpty();
        assertThat(updates.getLast()).containsExactly(PAYLOAD.length, PAYLOAD.length);
        assertThat(updates).allSatisfy(u -> assertThat(u[1]).isEqualTo(PAYLOAD.length));
        assertThat(Downloader.sha256(target)).isEqualTo(sha256(PAYLOAD));
    }

    @Test
    void wrongChecksumIsRejectedAndLeavesNoFile() throws Exception {
        Path target = dir.resolve("good.bin");
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> new Downloader().download(url("/good.bin"), target, wrong, DownloadProgress.NONE))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining(sha256(PAYLOAD))
                .hasMessageContaining(wrong);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void cutOffTransferIsAnErrorAndLeavesNoFile() {
        Path target = dir.resolve("cut.bin");
        assertThatThrownBy(() ->
                        new Downloader().download(url("/cut.bin"), target, sha256(PAYLOAD), DownloadProgress.NONE))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("/cut.bin")
                .hasMessageContaining("of " + PAYLOAD.length + " bytes");
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void httpErrorStatusIsReportedAndLeavesNoFile() {
        assertThatThrownBy(() -> new Downloader()
                        .download(url("/missing.bin"), dir.resolve("m.bin"), sha256(PAYLOAD), DownloadProgress.NONE))
                .hasMessageContaining("HTTP status 404");
        assertThat(dir.toFile().list()).isEmpty();
    }
}
