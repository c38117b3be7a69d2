package dev.myelin.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's JSON API on an ephemeral port over a fixture runs directory: content, live events, safety. */
class DashboardServerTest {
    private static final String SECRET = "the-secret-outside-the-runs-directory";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    static Path root;
    static DashboardServer server;

    @BeforeAll
    static void start() throws IOException {
        root = Files.createDirectories(temp.resolve("runs"));
        FixtureRuns.realRuns(root);
        FixtureRuns.liveRun(root, 3);
        Files.writeString(temp.resolve("secret.txt"), SECRET);
        Files.writeString(temp.resolve("secret.png"), SECRET);
        server = DashboardServer.start(root, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void listsTheRunsWithSettingsStatusAndFinalMetrics() throws Exception {
        JsonNode runs = get("/api/runs").path("runs");
        Map<String, JsonNode> byName = new TreeMap<>();
        runs.forEach(r -> byName.put(r.path("name").asText(), r));
        assertThat(byName).containsOnlyKeys(FixtureRuns.TRAINED, FixtureRuns.TUNED, FixtureRuns.LIVE);

        JsonNode trained = byName.get(FixtureRuns.TRAINED);
        assertThat(trained.path("kind").asText()).isEqualTo("train");
        assertThat(trained.path("status").asText()).isEqualTo("complete");
        assertThat(trained.at("/settings/data").asText()).isEqualTo("moons");
        assertThat(trained.at("/settings/optimizer").asText()).isEqualTo("adam");
        assertThat(trained.at("/metrics/epochs_run").asInt()).isEqualTo(3);
        assertThat(trained.at("/metrics/test_accuracy").asDouble()).isBetween(0.5, 1.0);
        assertThat(trained.at("/metrics/val_loss").isNumber()).isTrue();

        JsonNode tuned = byName.get(FixtureRuns.TUNED);
        assertThat(tuned.path("kind").asText()).isEqualTo("tune");
        assertThat(tuned.path("status").asText()).isEqualTo("complete");
        assertThat(tuned.at("/metrics/best_val_accuracy").asDouble()).isBetween(0.5, 1.0);

        JsonNode live = byName.get(FixtureRuns.LIVE);
        assertThat(live.path("status").asText()).isEqualTo("training"); // INCOMPLETE, history written just now
        assertThat(live.at("/settings/args").asText()).isEqualTo("--data moons --epochs 50");
        assertThat(live.at("/settings/data").asText()).isEqualTo("moons");
        assertThat(live.at("/settings/epochs").asText()).isEqualTo("50");
        assertThat(live.at("/metrics/epochs_run").asInt()).isEqualTo(3);
    }

    @Test
    void aTrainedRunHasItsHistoryConfusionMatrixAndPictures() throws Exception {
        JsonNode run = get("/api/runs/" + FixtureRuns.TRAINED);
        JsonNode history = run.path("history");
        assertThat(history.path("columns").get(0).asText()).isEqualTo("epoch");
        assertThat(history.path("rows")).hasSize(3);
        assertThat(history.path("problems")).isEmpty();
        JsonNode confusion = run.at("/summary/test/confusion_matrix");
        assertThat(confusion).hasSize(2);
        int total = 0;
        for (JsonNode row : confusion) for (JsonNode n : row) total += n.asInt();
        assertThat(total).isEqualTo(200); // moons: 1000 points, 20 % held out for the test
        List<String> pictures = new ArrayList<>();
        run.path("pictures").forEach(p -> pictures.add(p.asText()));
        assertThat(pictures).startsWith("curves.png", "confusion.png").contains("decision-boundary.png");

        HttpResponse<byte[]> png = HTTP.send(
                request("/api/runs/" + FixtureRuns.TRAINED + "/files/confusion.png"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(get("/api/runs/" + FixtureRuns.TRAINED + "/history").path("rows"))
                .hasSize(3);
    }

    @Test
    void aSearchHasItsTrialsParametersAndDirection() throws Exception {
        JsonNode run = get("/api/runs/" + FixtureRuns.TUNED);
        JsonNode trials = run.path("trials");
        assertThat(trials.path("scoreName").asText()).isEqualTo("val_accuracy");
        assertThat(trials.path("higherIsBetter").asBoolean()).isTrue();
        assertThat(trials.path("parameters").toString()).isEqualTo("[\"width\",\"lr\"]");
        assertThat(trials.path("trials")).hasSize(3);
        for (JsonNode t : trials.path("trials")) {
            assertThat(t.at("/config/width").asInt()).isIn(8, 32);
            assertThat(t.path("score").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(run.at("/best/score").asDouble())
                .isEqualTo(Stream.of(0, 1, 2)
                        .mapToDouble(
                                i -> trials.path("trials").get(i).path("score").asDouble())
                        .max()
                        .orElseThrow());
    }

    @Test
    void aTextRunHasItsLatestSamples() throws Exception {
        Path text = FixtureRuns.liveRun(Files.createDirectories(temp.resolve("text")), 2);
        Path run = Files.move(text, root.resolve("text-run"));
        try {
            Files.writeString(run.resolve("samples.txt"), "epoch 1: tha cat sat\nepoch 2: the cat sat on the mat\n");
            JsonNode detail = get("/api/runs/text-run");
            assertThat(detail.path("text_samples").asText()).endsWith("epoch 2: the cat sat on the mat\n");
            HttpResponse<String> file =
                    HTTP.send(request("/api/runs/text-run/files/samples.txt"), HttpResponse.BodyHandlers.ofString());
            assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(file.body()).contains("the cat sat on the mat");
        } finally {
            deleteTree(run);
        }
    }

    @Test
    void thePageAndItsScriptsAreServedFromTheJar() throws Exception {
        HttpResponse<String> page = HTTP.send(request("/"), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<table id=\"runs\">", "/static/echarts.min.js", "/static/app.js");
        HttpResponse<String> echarts =
                HTTP.send(request("/static/echarts.min.js"), HttpResponse.BodyHandlers.ofString());
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length()).isGreaterThan(500_000); // the whole library, not a loader that fetches it
        assertThat(HTTP.send(request("/static/app.js"), HttpResponse.BodyHandlers.ofString())
                        .body())
                .contains("EventSource");
    }

    @Test
    void eventsSendTheHistoryAndEachNewEpoch() throws Exception {
        Path live = root.resolve(FixtureRuns.LIVE);
        BlockingQueue<JsonNode> events = new ArrayBlockingQueue<>(16);
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + "api/runs/" + FixtureRuns.LIVE + "/events"))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<InputStream> response = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event: ")) event = line.substring(7);
                    else if (line.startsWith("data: ") && "history".equals(event))
                        events.add(JSON.readTree(line.substring(6)));
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        try {
            JsonNode first = events.poll(5, TimeUnit.SECONDS);
            assertThat(first).as("the first event, at once").isNotNull();
            int epochs = first.path("rows").size();
            FixtureRuns.appendEpoch(live, epochs + 1);
            long t0 = System.nanoTime();
            JsonNode next = events.poll(2, TimeUnit.SECONDS);
            System.out.printf("new epoch seen by the event stream after %.0f ms%n", (System.nanoTime() - t0) / 1e6);
            assertThat(next).as("an event within 2 s of the append").isNotNull();
            assertThat(next.path("rows")).hasSize(epochs + 1);
            assertThat(next.path("rows").get(epochs).get(0).asInt()).isEqualTo(epochs + 1);
        } finally {
            response.body().close();
            reader.interrupt();
        }
    }

    @Test
    void pathsOutsideTheRunsDirectoryAreRefused() throws Exception {
        Files.createSymbolicLink(root.resolve(FixtureRuns.TRAINED).resolve("link.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("escape"), temp);
        String run = FixtureRuns.TRAINED;
        List<String> attacks = List.of(
                "/api/runs/../secret.txt",
                "/api/runs/..",
                "/api/runs/%2e%2e",
                "/api/runs/%2E%2E/history",
                "/api/runs/..%2fsecret.txt",
                "/api/runs/..%2F..%2Fetc%2Fpasswd",
                "/api/runs/%2e%2e%2fsecret.txt/history",
                "/api/runs/" + run + "/files/../../secret.txt",
                "/api/runs/" + run + "/files/..%2f..%2fsecret.txt",
                "/api/runs/" + run + "/files/%2e%2e%2f%2e%2e%2fsecret.png",
                "/api/runs/" + run + "/files/..%5c..%5csecret.txt",
                "/api/runs/" + run + "/files/%252e%252e%252fsecret.txt",
                "/api/runs/" + run + "/files/link.txt",
                "/api/runs/escape",
                "/api/runs/escape/files/secret.txt",
                "/api/runs/escape/files/secret.png",
                "/static/..%2f..%2f..%2fsecret.txt",
                "/static/%2e%2e%2fapp.js",
                "/..%2fsecret.txt",
                "/api/runs/" + run + "/files/%00secret.txt");
        for (String path : attacks) {
            String response = rawGet(path);
            assertThat(response).as(path).doesNotContain(SECRET);
            assertThat(response).as(path).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        }
        // the link leading out is no run
        JsonNode runs = get("/api/runs").path("runs");
        runs.forEach(r -> assertThat(r.path("name").asText()).isNotEqualTo("escape"));
        Files.delete(root.resolve("escape"));
        Files.delete(root.resolve(FixtureRuns.TRAINED).resolve("link.txt"));
    }

    @Test
    void malformedFilesAreReportedAndTheRestIsShown() throws Exception {
        Path bad = Files.createDirectories(root.resolve("bad"));
        try {
            Files.writeString(
                    bad.resolve("history.csv"),
                    FixtureRuns.HEADER + "\n" + FixtureRuns.epochLine(1) + "2,oops,1,1,1,1,1,1,1\n" + "3,0.5\n"
                            + FixtureRuns.epochLine(4) + "5,0.2,1"); // the last line is still being written
            Files.writeString(bad.resolve("summary.json"), "{\"data\": \"moons\", \"test\": ");
            Files.writeString(bad.resolve("run.json"), "[1, 2]");
            JsonNode detail = get("/api/runs/bad");
            assertThat(detail.path("history").path("rows")).hasSize(2);
            assertThat(detail.path("history").path("rows").get(1).get(0).asInt())
                    .isEqualTo(4);
            assertThat(detail.path("problems").toString())
                    .contains(
                            "history.csv line 3",
                            "history.csv line 4",
                            "summary.json: not valid JSON",
                            "run.json: expected a JSON object");

            Files.writeString(bad.resolve("history.csv"), "\u0000\u0001garbage\nmore garbage,\"unclosed\n");
            detail = get("/api/runs/bad");
            assertThat(detail.path("history").path("rows")).isEmpty();
            assertThat(detail.path("problems").toString()).contains("history.csv");

            Files.write(
                    bad.resolve("trials.jsonl"),
                    "{\"number\": 0, \"config\": {\"lr\": 0.1}, \"status\": \"ok\", \"score\": 0.5}\nnot json\n{\"num"
                            .getBytes(StandardCharsets.UTF_8));
            detail = get("/api/runs/bad");
            assertThat(detail.at("/trials/trials")).hasSize(1);
            assertThat(detail.path("problems").toString()).contains("trials.jsonl line 2");
            assertThat(get("/api/runs").path("runs").size()).isEqualTo(4); // the others are still listed
        } finally {
            deleteTree(bad);
        }
    }

    @Test
    void aRunDeletedOrHalfWrittenWhileServedIsNoError() throws Exception {
        Path gone = FixtureRuns.liveRun(Files.createDirectories(temp.resolve("elsewhere")), 2);
        Path moved = Files.move(gone, root.resolve("short-lived"));
        assertThat(get("/api/runs/short-lived").path("history").path("rows")).hasSize(2);
        deleteTree(moved);
        assertThat(HTTP.send(request("/api/runs/short-lived"), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
        assertThat(HTTP.send(request("/api/runs/short-lived/events"), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isLessThan(500);

        Path empty = Files.createDirectories(root.resolve("just-started"));
        try {
            Files.writeString(empty.resolve("history.csv"), "");
            JsonNode detail = get("/api/runs/just-started");
            assertThat(detail.path("history").path("rows")).isEmpty();
            assertThat(detail.path("problems")).isEmpty();
            Files.writeString(empty.resolve("history.csv"), "epoch,lo"); // the header itself half written
            assertThat(get("/api/runs/just-started").path("history").path("rows"))
                    .isEmpty();
        } finally {
            deleteTree(empty);
        }
    }

    @Test
    void twoHundredRunsAreListed() throws Exception {
        Path many = Files.createDirectories(temp.resolve("many"));
        FixtureRuns.manyRuns(many, 200);
        try (DashboardServer s = DashboardServer.start(many, "127.0.0.1", 0)) {
            HttpRequest req =
                    HttpRequest.newBuilder(URI.create(s.url() + "api/runs")).build();
            HTTP.send(req, HttpResponse.BodyHandlers.ofString()); // the first request loads the server's classes
            long t0 = System.nanoTime();
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            System.out.printf(
                    "/api/runs with 200 runs: %.1f ms, %d bytes%n",
                    (System.nanoTime() - t0) / 1e6, r.body().length());
            JsonNode runs = JSON.readTree(r.body()).path("runs");
            assertThat(runs).hasSize(200);
            assertThat(runs.get(199).path("name").asText()).isEqualTo("run-199");
            assertThat(runs.get(199).at("/metrics/epochs_run").asInt()).isEqualTo(10);
        }
    }

    @Test
    void theServerWritesNothing() throws Exception {
        Map<String, String> before = snapshot(root);
        get("/api/runs");
        get("/api/runs/" + FixtureRuns.TRAINED);
        get("/api/runs/" + FixtureRuns.TUNED);
        HTTP.send(
                request("/api/runs/" + FixtureRuns.TRAINED + "/files/curves.png"),
                HttpResponse.BodyHandlers.discarding());
        for (String method : List.of("POST", "PUT", "DELETE")) {
            HttpRequest req = HttpRequest.newBuilder(
                            URI.create(server.url() + "api/runs/" + FixtureRuns.TRAINED + "/files/curves.png"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x"))
                    .build();
            assertThat(HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as(method)
                    .isGreaterThanOrEqualTo(400);
        }
        assertThat(snapshot(root)).isEqualTo(before);
    }

    @Test
    void aMissingRunsDirectoryIsAClearError() {
        Path missing = temp.resolve("no-such-dir");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DashboardServer.start(missing, "127.0.0.1", 0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-dir")
                .hasMessageContaining("not a directory");
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    /** A request sent byte for byte, so no client library normalizes the path first. */
    private static String rawGet(String path) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList())
                files.put(
                        dir.relativize(p).toString(),
                        Files.isDirectory(p) ? "dir" : Files.size(p) + "@" + Files.getLastModifiedTime(p));
        }
        return files;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
