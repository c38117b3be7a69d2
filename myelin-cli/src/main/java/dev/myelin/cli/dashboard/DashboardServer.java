package dev.myelin.cli.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's web server: the page, its scripts, and a read-only JSON API over a runs directory.
 * <pre>
 * GET /                              the page
 * GET /static/{file}                 app.js, app.css, echarts.min.js (from the jar)
 * GET /api/runs                      every run's row: name, kind, status, settings, final metrics, problems
 * GET /api/runs/{run}                one run: its row, history, summary, pictures, text samples, trials
 * GET /api/runs/{run}/history        its history.csv as columns and rows
 * GET /api/runs/{run}/files/{file}   a picture (.png) or text (.txt) of the run
 * GET /api/runs/{run}/events         server-sent events "history" as history.csv changes
 * </pre>
 * Names in paths go through {@link RunsRoot}, so nothing outside the runs directory is ever read; nothing is written.
 */
public final class DashboardServer implements AutoCloseable {
    private static final String RESOURCES = "/dev/myelin/cli/dashboard/";
    private static final Map<String, String> STATIC =
            Map.of("app.js", "text/javascript", "app.css", "text/css", "echarts.min.js", "text/javascript");

    private final RunsRoot root;
    private final HistoryFeed feed = new HistoryFeed();
    private final Javalin app;
    private final String host;

    private DashboardServer(RunsRoot root, String host, int port) {
        this.root = root;
        this.host = host;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.generateEtags =
                    true; // a reload revalidates the 1 MB chart library (304) instead of fetching it again
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.routes.get("/", ctx -> resource(ctx, "index.html", "text/html"));
            cfg.routes.get("/static/{file}", this::staticFile);
            cfg.routes.get("/api/runs", ctx -> json(ctx, runs()));
            cfg.routes.get("/api/runs/{run}", ctx -> json(ctx, RunView.detail(ctx.pathParam("run"), run(ctx))));
            cfg.routes.get("/api/runs/{run}/history", ctx -> json(ctx, HistoryTable.read(run(ctx))));
            cfg.routes.get("/api/runs/{run}/files/{file}", this::runFile);
            cfg.routes.sse("/api/runs/{run}/events", client -> {
                Optional<Path> dir = root.run(client.ctx().pathParam("run"));
                if (dir.isEmpty()) {
                    client.sendEvent("gone", "no such run");
                    client.close();
                } else {
                    feed.subscribe(client, dir.get());
                }
            });
            cfg.routes.exception(NotFound.class, (e, ctx) -> error(ctx, HttpStatus.NOT_FOUND, e.getMessage()));
            cfg.routes.exception(
                    Exception.class, (e, ctx) -> error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, e.toString()));
        });
    }

    /**
     * Starts a server over {@code runsDir} on {@code host} and {@code port} (0: any free port).
     * @throws IOException if the directory is not one, or the port cannot be had
     */
    public static DashboardServer start(Path runsDir, String host, int port) throws IOException {
        DashboardServer server = new DashboardServer(new RunsRoot(runsDir), host, port);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.feed.close();
            throw new IOException(
                    "cannot start the dashboard on " + host + ":" + port + " ("
                            + rootCause(e).getMessage() + "); choose another --port",
                    e);
        }
        // The first listing loads the JSON and file classes and fills the file cache; done now, not in the first page
        // load.
        Thread.ofVirtual().name("dashboard-warm-up").start(() -> {
            try {
                server.runs();
            } catch (IOException | RuntimeException e) {
                // the page's own request will report it
            }
        });
        return server;
    }

    public int port() {
        return app.port();
    }

    /** The page's address, e.g. http://127.0.0.1:6006/. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return "http://" + h + ":" + port() + "/";
    }

    public Path runsDirectory() {
        return root.path();
    }

    @Override
    public void close() {
        feed.close();
        app.stop();
    }

    private Map<String, Object> runs() throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : root.runNames()) root.run(name).ifPresent(dir -> rows.add(RunView.row(name, dir)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", root.path().toString());
        m.put("runs", rows);
        return m;
    }

    private Path run(Context ctx) {
        String name = ctx.pathParam("run");
        return root.run(name).orElseThrow(() -> new NotFound("no run '" + name + "' in " + root.path()));
    }

    private void runFile(Context ctx) throws IOException {
        Path dir = run(ctx);
        String name = ctx.pathParam("file");
        String type = name.endsWith(".png") ? "image/png" : name.endsWith(".txt") ? "text/plain; charset=utf-8" : null;
        Path file = type == null ? null : RunsRoot.file(dir, name).orElse(null);
        if (file == null) throw new NotFound("no picture or text '" + name + "' in run " + dir.getFileName());
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type).result(Files.readAllBytes(file));
    }

    private void staticFile(Context ctx) throws IOException {
        String name = ctx.pathParam("file");
        String type = STATIC.get(name);
        if (type == null) throw new NotFound("no file '" + name + "'");
        resource(ctx, "static/" + name, type);
    }

    private static void resource(Context ctx, String name, String type) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null)
                throw new NotFound("the jar has no " + name + " (a build without the dashboard's resources)");
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(type + (type.startsWith("text/") ? "; charset=utf-8" : ""))
                    .result(in.readAllBytes());
        }
    }

    private static void json(Context ctx, Object value) throws JsonProcessingException {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(JsonFile.MAPPER.writeValueAsString(value));
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        Map<String, Object> body = Map.of("error", message == null ? status.getMessage() : message);
        ctx.status(status);
        try {
            json(ctx, body);
        } catch (JsonProcessingException e) {
            ctx.result(status.getMessage());
        }
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) e = e.getCause();
        return e;
    }

    /** A request for a run or file that is not there (or may not be named). */
    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }
}
