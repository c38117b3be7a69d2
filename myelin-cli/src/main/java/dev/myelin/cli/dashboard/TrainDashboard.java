package dev.myelin.cli.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The dashboard of {@code myelin train --dashboard}: a server over the directory that holds the run (so earlier runs
 * can be overlaid), with the run selected in the printed address. When training ends on a terminal it stays up
 * until Enter is pressed, so the finished run can still be looked at; in a script it stops with the command.
 */
public final class TrainDashboard implements AutoCloseable {
    static final int PORT = 6006;

    private final DashboardServer server;
    private final String url;
    private final PrintStream out;

    private TrainDashboard(DashboardServer server, String url, PrintStream out) {
        this.server = server;
        this.url = url;
        this.out = out;
    }

    /** Starts the dashboard for {@code runDir} when {@code wanted}, else returns null (for try-with-resources). */
    public static TrainDashboard openIf(boolean wanted, Path runDir, PrintStream out) throws IOException {
        if (!wanted) return null;
        Path abs = runDir.toAbsolutePath().normalize();
        DashboardServer server;
        try {
            server = DashboardServer.start(abs.getParent(), "127.0.0.1", PORT);
        } catch (IOException busy) { // another dashboard has 6006: any free port will do
            server = DashboardServer.start(abs.getParent(), "127.0.0.1", 0);
        }
        String url =
                server.url() + "#run=" + URLEncoder.encode(abs.getFileName().toString(), StandardCharsets.UTF_8);
        out.println("dashboard: " + url);
        return new TrainDashboard(server, url, out);
    }

    @Override
    public void close() throws IOException {
        try {
            if (System.console() != null && System.console().isTerminal()) {
                out.println("dashboard still at " + url + "; press Enter to stop it");
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        } finally {
            server.close();
        }
    }
}
