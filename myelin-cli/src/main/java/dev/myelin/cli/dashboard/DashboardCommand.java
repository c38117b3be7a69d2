package dev.myelin.cli.dashboard;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code myelin dashboard [RUNS_DIR] [--port 6006]}: serves the dashboard until the process is stopped (Ctrl-C). */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Serve a live dashboard of the runs in a directory (runs table, curves, confusion matrix, pictures, "
                        + "text samples, tuning trials) on a local web server; read-only.")
public final class DashboardCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "RUNS_DIR",
            defaultValue = "runs",
            description =
                    "Directory holding run directories of myelin train and myelin tune (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(
            names = "--port",
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).",
            defaultValue = "6006")
    int port;

    @Option(
            names = "--host",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; "
                    + "0.0.0.0 shows the runs to the whole network).",
            defaultValue = "127.0.0.1")
    String host;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535, got " + port);
        DashboardServer server = DashboardServer.start(runsDir, host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "dashboard-shutdown"));
        System.out.println("dashboard of " + server.runsDirectory() + " at " + server.url() + " (Ctrl-C stops it)");
        stopped.await();
        return 0;
    }
}
