package dev.myelin.cli.dashboard;

import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Server-sent events of runs' histories: each open page gets an event "history" (the whole table, a few kB) when it
 * subscribes and again whenever the run's history.csv changes. Changes are found by looking at each watched file's
 * size and modification time every {@link #POLL_MILLIS} ms rather than by a WatchService: a trainer replaces the
 * file by renaming a new one over it, a run directory can be deleted and made again, and a stat of a few files is
 * far cheaper than the epoch that changes them.
 */
final class HistoryFeed implements AutoCloseable {
    static final long POLL_MILLIS = 200;
    /** A comment line this often keeps proxies and the browser from closing an idle stream. */
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-history-feed");
        t.setDaemon(true);
        return t;
    });
    private long lastKeepAlive = System.currentTimeMillis();

    HistoryFeed() {
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One page watching one run. */
    private static final class Watch {
        final SseClient client;
        final Path dir;
        String stamp; // size and modification time of history.csv when last sent; null before the first send

        Watch(SseClient client, Path dir) {
            this.client = client;
            this.dir = dir;
        }
    }

    void subscribe(SseClient client, Path dir) {
        Watch w = new Watch(client, dir);
        client.keepAlive();
        client.onClose(() -> watches.remove(w));
        watches.add(w);
        poller.execute(
                () -> send(w, stamp(dir))); // the first event comes at once, from the polling thread like all others
    }

    private void poll() {
        boolean keepAlive = System.currentTimeMillis() - lastKeepAlive > KEEP_ALIVE_MILLIS;
        if (keepAlive) lastKeepAlive = System.currentTimeMillis();
        for (Watch w : watches) {
            if (w.client.terminated()) {
                watches.remove(w);
                continue;
            }
            String now = stamp(w.dir);
            if (!now.equals(w.stamp)) send(w, now);
            else if (keepAlive) w.client.sendComment("keep-alive");
        }
    }

    private static void send(Watch w, String stamp) {
        try {
            w.client.sendEvent("history", JsonFile.MAPPER.writeValueAsString(HistoryTable.read(w.dir)));
            w.stamp = stamp;
        } catch (RuntimeException | IOException e) {
            w.client.close(); // the page went away; it reconnects by itself if it is still open
        }
    }

    private static String stamp(Path dir) {
        try {
            BasicFileAttributes a = Files.readAttributes(dir.resolve(HistoryTable.FILE), BasicFileAttributes.class);
            return a.size() + "@" + a.lastModifiedTime() + "#" + a.fileKey();
        } catch (IOException e) {
            return "absent";
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        for (Watch w : watches) w.client.close();
        watches.clear();
    }
}
