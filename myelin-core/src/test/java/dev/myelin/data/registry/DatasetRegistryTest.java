package dev.myelin.data.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.myelin.data.idx.IdxReaderTestFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRegistryTest {
    @TempDir
    Path tmp;

    /** A tiny data set in MNIST layout: 3 train and 2 test images of 2x2 pixels, as gzip files. */
    private static Map<String, byte[]> tinyFiles() throws IOException {
        Map<String, byte[]> m = new HashMap<>();
        m.put(
                "train-images-idx3-ubyte.gz",
                IdxReaderTestFiles.gzip(
                        IdxReaderTestFiles.idx(0x803, new int[] {3, 2, 2}, 0, 255, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8)));
        m.put(
                "train-labels-idx1-ubyte.gz",
                IdxReaderTestFiles.gzip(IdxReaderTestFiles.idx(0x801, new int[] {3}, 0, 1, 2)));
        m.put(
                "t10k-images-idx3-ubyte.gz",
                IdxReaderTestFiles.gzip(
                        IdxReaderTestFiles.idx(0x803, new int[] {2, 2, 2}, 9, 9, 9, 9, 255, 255, 255, 255)));
        m.put("t10k-labels-idx1-ubyte.gz", IdxReaderTestFiles.gzip(IdxReaderTestFiles.idx(0x801, new int[] {2}, 9, 3)));
        return m;
    }

    private static DatasetSpec tinySpec(String baseUrl, Map<String, byte[]> files) throws Exception {
        return new DatasetSpec(
                "tiny",
                List.of(baseUrl),
                new RemoteFile(
                        "train-images-idx3-ubyte.gz", DownloaderTest.sha256(files.get("train-images-idx3-ubyte.gz"))),
                new RemoteFile(
                        "train-labels-idx1-ubyte.gz", DownloaderTest.sha256(files.get("train-labels-idx1-ubyte.gz"))),
                new RemoteFile(
                        "t10k-images-idx3-ubyte.gz", DownloaderTest.sha256(files.get("t10k-images-idx3-ubyte.gz"))),
                new RemoteFile(
                        "t10k-labels-idx1-ubyte.gz", DownloaderTest.sha256(files.get("t10k-labels-idx1-ubyte.gz"))),
                10);
    }

    private static void writeAll(Path dir, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(dir);
        for (var e : files.entrySet()) Files.write(dir.resolve(e.getKey()), e.getValue());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void searchOrderIsDataDirThenUserDirThenSystemDir() throws Exception {
        Map<String, byte[]> files = tinyFiles();
        Path data = tmp.resolve("data"), user = tmp.resolve("user"), system = tmp.resolve("system");
        DatasetRegistry reg = DatasetRegistry.builder()
                .dataDir(data)
                .userDir(user)
                .systemDir(system)
                .register(tinySpec("http://127.0.0.1:1/", files))
                .allowDownload(false)
                .build();
        assertThat(reg.searchDirectories("tiny"))
                .containsExactly(data.resolve("tiny"), user.resolve("tiny"), system.resolve("tiny"));
        assertThat(reg.find("tiny")).isEmpty();
        writeAll(system.resolve("tiny"), files);
        assertThat(reg.find("tiny")).contains(system.resolve("tiny"));
        writeAll(user.resolve("tiny"), files);
        assertThat(reg.find("tiny")).contains(user.resolve("tiny"));
        writeAll(data.resolve("tiny"), files);
        assertThat(reg.find("tiny")).contains(data.resolve("tiny"));
        // An incomplete directory is skipped.
        Files.delete(data.resolve("tiny/t10k-labels-idx1-ubyte.gz"));
        assertThat(reg.find("tiny")).contains(user.resolve("tiny"));
    }

    @Test
    void unpackedFilesAreAcceptedAndLoaded() throws Exception {
        Map<String, byte[]> files = tinyFiles();
        Path dir = tmp.resolve("user/tiny");
        writeAll(dir, files);
        // Unpack one file the way `gunzip` would: same name without .gz, raw IDX bytes.
        Files.write(dir.resolve("train-labels-idx1-ubyte"), IdxReaderTestFiles.idx(0x801, new int[] {3}, 0, 1, 2));
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        DatasetRegistry reg = DatasetRegistry.builder()
                .userDir(tmp.resolve("user"))
                .systemDir(null)
                .register(tinySpec("http://127.0.0.1:1/", files))
                .allowDownload(false)
                .build();
        ImageDataSet ds = reg.load("tiny", false);
        assertThat(ds.train().features().shape()).containsExactly(3, 2, 2);
        assertThat(ds.train().targets().toArray()).containsExactly(0, 1, 2);
        assertThat(ds.test().features().toArray()).containsExactly(9 / 255f, 9 / 255f, 9 / 255f, 9 / 255f, 1, 1, 1, 1);
        assertThat(reg.load("tiny", true).test().features().shape()).containsExactly(2, 4);
    }

    @Test
    void downloadsMissingFilesFromTheOverriddenBaseUrlWithProgress() throws Exception {
        Map<String, byte[]> files = tinyFiles();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> requested = new ArrayList<>();
        server.createContext("/mirror/", ex -> {
            String name = ex.getRequestURI().getPath().substring("/mirror/".length());
            requested.add(name);
            byte[] body = files.get(name);
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (OutputStream out = ex.getResponseBody()) {
                if (body != null) out.write(body);
            }
        });
        server.start();
        try {
            Path user = tmp.resolve("user");
            // One file is already there: only the other three are fetched.
            Files.createDirectories(user.resolve("tiny"));
            Files.write(user.resolve("tiny/train-labels-idx1-ubyte.gz"), files.get("train-labels-idx1-ubyte.gz"));
            List<String> progress = new ArrayList<>();
            DatasetRegistry reg = DatasetRegistry.builder()
                    .userDir(user)
                    .systemDir(null)
                    .register(tinySpec("http://127.0.0.1:1/unused/", files))
                    .baseUrl("tiny", "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror")
                    .progress((f, read, total) -> {
                        if (read == total) progress.add(f);
                    })
                    .build();
            ImageDataSet ds = reg.load("tiny", true);
            assertThat(requested)
                    .containsExactlyInAnyOrder(
                            "train-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
            assertThat(progress).containsExactlyInAnyOrderElementsOf(requested);
            assertThat(ds.directory()).isEqualTo(user.resolve("tiny"));
            assertThat(ds.train().features().toArray()).startsWith(0f, 1f, 0f, 1f);
            assertThat(ds.test().targets().toArray()).containsExactly(9, 3);
            try (var s = Files.list(user.resolve("tiny"))) {
                assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(files.keySet());
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    void withoutNetworkTheErrorSaysWhereToPutTheFiles() throws Exception {
        Path data = tmp.resolve("data"), user = tmp.resolve("user"), system = tmp.resolve("system");
        DatasetRegistry reg = DatasetRegistry.builder()
                .dataDir(data)
                .userDir(user)
                .systemDir(system)
                .baseUrl("fashion-mnist", "http://127.0.0.1:" + closedPort() + "/")
                .build();
        assertThatThrownBy(() -> reg.load("fashion-mnist", false))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageContaining("data set 'fashion-mnist' was not found")
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("t10k-labels-idx1-ubyte.gz")
                .hasMessageContaining(data.resolve("fashion-mnist").toString())
                .hasMessageContaining(user.resolve("fashion-mnist").toString())
                .hasMessageContaining(system.resolve("fashion-mnist").toString())
                .hasMessageContaining("dataset-fashion-mnist");
        try (var s = Files.walk(user)) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void baseUrlCanBeOverriddenBySystemProperty() {
        System.setProperty("myelin.datasets.mnist.url", "http://127.0.0.1:9/m/");
        try {
            assertThat(DatasetRegistry.defaults().spec("mnist").baseUrls()).containsExactly("http://127.0.0.1:9/m/");
        } finally {
            System.clearProperty("myelin.datasets.mnist.url");
        }
        assertThat(DatasetRegistry.defaults().spec("MNIST").baseUrls()).isEqualTo(DatasetSpec.MNIST.baseUrls());
        assertThatThrownBy(() -> DatasetRegistry.defaults().spec("cifar"))
                .hasMessageContaining("unknown data set 'cifar'")
                .hasMessageContaining("fashion-mnist");
    }

    @Test
    void aSpecNameMustBeLowerCaseSinceLookupsAre() {
        assertThatThrownBy(() -> new DatasetSpec(
                        "Tiny",
                        List.of("http://localhost/"),
                        DatasetSpec.MNIST.trainImages(),
                        DatasetSpec.MNIST.trainLabels(),
                        DatasetSpec.MNIST.testImages(),
                        DatasetSpec.MNIST.testLabels(),
                        10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Tiny'")
                .hasMessageContaining("lower case");
    }
}
