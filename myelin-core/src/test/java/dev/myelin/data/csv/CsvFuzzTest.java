package dev.myelin.data.csv;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.myelin.testing.Fuzzing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * Fuzzes the CSV reader with arbitrary bytes, as train reads a file (label = last column, task inferred), as
 * predict reads numeric inputs, and as predict reads a file with a trained schema: every input is read or refused
 * with an IOException on one line naming the file; anything else is a finding. The corpus in CsvFuzzTestInputs
 * replays as a test.
 */
class CsvFuzzTest {
    private static final CsvSchema SCHEMA;

    static {
        try {
            SCHEMA = CsvReader.builder()
                    .labelColumn("y")
                    .build()
                    .read(Fuzzing.file(
                            "schema.csv", "a,color,b,y\n1,red,2,yes\n3,blue,4,no\n".getBytes(StandardCharsets.UTF_8)))
                    .schema();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest
    void read(byte[] bytes) {
        Path file = Fuzzing.file("data.csv", bytes);
        try {
            CsvReader.builder().labelColumn(-1).inferTask().build().read(file);
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
        try {
            CsvReader.readNumeric(file, Set.of());
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
        try {
            CsvReader.withSchema(SCHEMA).readFeatures(file, Set.of());
        } catch (IOException e) {
            Fuzzing.assertCleanRefusal(e, file);
        }
    }
}
