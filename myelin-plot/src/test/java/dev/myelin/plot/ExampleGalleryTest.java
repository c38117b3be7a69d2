package dev.myelin.plot;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes one example of each chart to the directory named by {@code -Dmyelin.plot.examples=DIR}, for the
 * README and for looking at them; skipped otherwise.
 */
@EnabledIfSystemProperty(named = "myelin.plot.examples", matches = ".+")
class ExampleGalleryTest {

    @Test
    void writeExamples() throws IOException {
        Path dir = Path.of(System.getProperty("myelin.plot.examples"));
        Plots.lossCurves(LossCurvesTest.TRAIN_LOSS, LossCurvesTest.VAL_LOSS, LossCurvesTest.TRAIN_ACC,
                LossCurvesTest.VAL_ACC, dir.resolve("loss-curves.png"));
    }
}
