package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.myelin.tensor.Generator;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the architecture JSON (what --model FILE.json and every model file hold): each text parses, or is refused
 * with an IllegalArgumentException whose message is one line; a parsed spec reports its state shapes and, when
 * small enough to build quickly, builds and writes itself back as JSON that parses again. Anything else is a
 * finding. The corpus in ArchitectureFuzzTestInputs replays as a test.
 */
class ArchitectureFuzzTest {
    /** Specs up to this many values are built (larger ones are refused by size or would only slow the fuzzer). */
    private static final long MAX_BUILT = 1 << 16;

    @FuzzTest
    void parseAndBuild(byte[] bytes) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        ModuleSpec spec;
        long numel;
        try { // parsing and the shapes a loader checks before it builds anything
            spec = Architecture.parse(json);
            numel = spec.stateShapes().totalNumel();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotNull().doesNotContain("\n");
            return;
        }
        if (numel > MAX_BUILT) return;
        Module m;
        try {
            m = spec.build(new Generator(0));
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotNull().doesNotContain("\n");
            return;
        }
        Architecture.parse(Architecture.toJson(m));
    }
}
