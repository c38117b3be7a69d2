package dev.myelin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** {@code myelin demo gcn}: the karate club from four labelled members. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class GcnDemoTest {
    @TempDir
    Path dir;

    @Test
    void classifiesTheOtherMembersWithAtLeastNinetyPercentAccuracy() throws IOException {
        Cli.Result r = Cli.run("demo", "gcn", "--out", dir.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("34 members, 78 friendships")
                .containsPattern("accuracy on the 30 unlabelled members: 0\\.9\\d{3}");
        JsonNode summary =
                new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("test_nodes").asInt()).isEqualTo(30);
        assertThat(summary.get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(summary.get("embeddings").size()).isEqualTo(34);
        assertThat(dir.resolve("embeddings.png")).isNotEmptyFile();
    }
}
