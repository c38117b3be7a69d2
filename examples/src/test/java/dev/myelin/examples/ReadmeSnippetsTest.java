package dev.myelin.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Java code blocks are excerpts of the example programs: a block preceded by
 * {@code <!-- from examples/...java -->} must consist of lines of that file, in the file's order (indentation aside),
 * so the README shows code that compiles and runs in this build and cannot drift from it.
 */
class ReadmeSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile("<!-- from (examples/\\S+\\.java) -->\\s*\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyMarkedReadmeBlockIsAnExcerptOfItsExample() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        Matcher m = BLOCK.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            List<String> source = Files.readAllLines(root.resolve(m.group(1))).stream().map(String::strip).toList();
            int at = 0;
            for (String line : m.group(2).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                int found = source.subList(at, source.size()).indexOf(line);
                assertThat(found).as("README block from %s: line '%s' is not in the file (after line %d)", m.group(1), line, at).isNotNegative();
                at += found + 1;
            }
            checked.add(m.group(1));
        }
        assertThat(checked).as("README blocks taken from examples").hasSizeGreaterThanOrEqualTo(4);
    }
}
