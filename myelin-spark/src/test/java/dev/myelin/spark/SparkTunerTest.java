package dev.myelin.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.TensorDataset;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.tune.Direction;
import dev.myelin.tune.RandomSearch;
import dev.myelin.tune.SearchResult;
import dev.myelin.tune.SearchSpace;
import dev.myelin.tune.TrialResult;
import dev.myelin.tune.TuneListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTunerTest {
    static final SearchSpace SPACE = SearchSpace.builder()
            .floatRange("lr", 1e-3, 1e-1, true)
            .categorical("width", 4, 16)
            .build();

    static TensorDataset blobs(int n, long seed) {
        Generator g = new Generator(seed);
        float[] x = new float[n * 4], y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            for (int j = 0; j < 4; j++)
                x[i * 4 + j] = (float) g.nextGaussian() + (c == 1 ? 1.5f : -1.5f) * (j < 2 ? 1 : 0);
            y[i] = c;
        }
        return new TensorDataset(new Tensor(x, n, 4), new Tensor(y, n));
    }

    @Test
    void eightTrialsRunAsSparkTasksAndResumeAfterBeingStopped(@TempDir Path dir) throws Exception {
        JavaSparkContext jsc =
                JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        AtomicInteger tasks = new AtomicInteger();
        SparkListener counter = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskInfo().successful()) tasks.incrementAndGet();
            }
        };
        jsc.sc().addSparkListener(counter);
        ModuleTrial trial = ModuleTrial.of(blobs(200, 1), blobs(100, 2), true, 2, 2);
        try {
            // stopped after 4 of 8 trials (the budget of the first run), then resumed
            SearchResult first = SparkTuner.builder(jsc, new RandomSearch(SPACE, 8, 3), trial, Direction.MAXIMIZE, 1)
                    .maxTrials(4)
                    .seed(9)
                    .outputDirectory(dir)
                    .build()
                    .run();
            assertThat(first.trials()).hasSize(4);
            jsc.sc().listenerBus().waitUntilEmpty();
            int afterFirst = tasks.get();
            assertThat(afterFirst).isGreaterThanOrEqualTo(4);

            AtomicInteger restored = new AtomicInteger();
            SearchResult resumed = SparkTuner.builder(jsc, new RandomSearch(SPACE, 8, 3), trial, Direction.MAXIMIZE, 1)
                    .maxTrials(8)
                    .seed(9)
                    .outputDirectory(dir)
                    .resume(true)
                    .listener(new TuneListener() {
                        @Override
                        public void onSearchStart(int n) {
                            restored.set(n);
                        }
                    })
                    .build()
                    .run();
            jsc.sc().listenerBus().waitUntilEmpty();
            assertThat(restored.get()).isEqualTo(4);
            assertThat(tasks.get() - afterFirst)
                    .as("tasks run by the resumed search")
                    .isEqualTo(4);
            assertThat(resumed.trials()).hasSize(8);
            assertThat(resumed.trials()).allSatisfy(t -> assertThat(t.score()).isBetween(0.5, 1.0));
            assertThat(resumed.bestScore()).isGreaterThan(0.9);
            List<String> log = Files.readAllLines(dir.resolve("trials.jsonl"));
            assertThat(log).hasSize(8);
            assertThat(dir.resolve("trials.csv")).exists();
            // the first four trials are the resumed run's trials 0-3, unchanged
            for (TrialResult t : first.trials())
                assertThat(resumed.trials().stream()
                                .filter(r -> r.number() == t.number())
                                .findFirst()
                                .orElseThrow()
                                .score())
                        .isEqualTo(t.score());
        } finally {
            jsc.sc().removeSparkListener(counter);
        }
    }
}
