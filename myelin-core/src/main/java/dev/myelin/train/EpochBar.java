package dev.myelin.train;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One epoch's bar of the optional me.tongfei progressbar library, in a class of its own: {@link ProgressBarCallback}
 * names no progressbar type, so it loads (and says which jar to add) when the library is absent.
 */
final class EpochBar {
    /** Characters a bar line takes: fixed, so the bar never asks jline for the terminal's width (JDK 25 warns about jline's native access). */
    static final int WIDTH = 100;

    private final ProgressBar bar;

    EpochBar(PrintStream out, String task, long max) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out, WIDTH))
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setUnit(" samples", 1)
                .hideEta()
                .build();
    }

    void step(int n, String extraMessage) {
        bar.stepBy(n);
        bar.setExtraMessage(extraMessage);
    }

    void close() {
        bar.close();
    }
}
