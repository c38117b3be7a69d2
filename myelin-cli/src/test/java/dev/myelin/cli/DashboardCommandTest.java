package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** The command-line side of the dashboard: {@code myelin dashboard}'s errors and {@code myelin train --dashboard}. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class DashboardCommandTest {
    @TempDir
    Path dir;

    @Test
    void aMissingRunsDirectoryOrBadPortIsAOneLineError() {
        Cli.Result missing = Cli.run("dashboard", dir.resolve("nope").toString(), "--port", "0");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLines())
                .singleElement()
                .asString()
                .startsWith("error: ")
                .contains("nope", "not a directory");

        Cli.Result port = Cli.run("dashboard", dir.toString(), "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(1);
        assertThat(port.errLines()).singleElement().asString().contains("--port must be 0..65535, got 70000");
    }

    @Test
    void trainWithDashboardPrintsTheAddressOfItsRunAndStopsTheServerWithTheCommand() throws Exception {
        Path out = dir.resolve("runs").resolve("moons-live");
        Cli.Result r = Cli.run(
                "train", "--data", "moons", "--epochs", "2", "--no-progress", "--dashboard", "--out", out.toString());
        assertThat(r.exitCode()).isZero();
        Matcher m = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+/)#run=moons-live")
                .matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Files.readAllLines(out.resolve("history.csv"))).hasSize(3);
        // not a terminal: the server stopped with the command
        HttpRequest req =
                HttpRequest.newBuilder(URI.create(m.group(1) + "api/runs")).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOfAny(ConnectException.class, IOException.class);
    }
}
