package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelTest {

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void coversEveryIndexExactlyOnceWithDeterministicChunks() {
        Parallel.setThreads(3);
        for (int n : new int[] {1, 2, 3, 10, 1001}) {
            int[] hits = new int[n];
            List<int[]> chunks = Collections.synchronizedList(new ArrayList<>());
            Parallel.forRange(n, 1, (from, to) -> {
                chunks.add(new int[] {from, to});
                for (int i = from; i < to; i++) {
                    hits[i]++;
                }
            });
            for (int h : hits) {
                assertThat(h).isEqualTo(1);
            }
            int c = Math.min(3, n);
            assertThat(chunks).hasSize(c);
            for (int[] ch : chunks) {
                int i = (int) Math.round((double) ch[0] * c / n);
                assertThat(ch[0]).isEqualTo((int) ((long) i * n / c));
                assertThat(ch[1]).isEqualTo((int) ((long) (i + 1) * n / c));
            }
        }
    }

    @Test
    void forChunksRunsExactlyTheChunksAskedForEvenMoreThanThreads() {
        Parallel.setThreads(2);
        for (int[] nc : new int[][] {{22, 4}, {22, 22}, {5, 9}, {7, 1}}) {
            int n = nc[0], c = Math.min(n, nc[1]);
            int[] hits = new int[n];
            List<int[]> chunks = Collections.synchronizedList(new ArrayList<>());
            Parallel.forChunks(n, nc[1], (from, to) -> {
                chunks.add(new int[] {from, to});
                for (int i = from; i < to; i++) {
                    hits[i]++;
                }
            });
            assertThat(hits).containsOnly(1);
            assertThat(chunks).hasSize(c);
            chunks.sort((a, b) -> Integer.compare(a[0], b[0]));
            for (int i = 0; i < c; i++) {
                assertThat(chunks.get(i)).containsExactly((int) ((long) i * n / c), (int) ((long) (i + 1) * n / c));
            }
        }
    }

    @Test
    void smallRangesAndNestedCallsRunInline() {
        Parallel.setThreads(2);
        Thread caller = Thread.currentThread();
        Parallel.forRange(10, 100, (from, to) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            assertThat(from).isZero();
            assertThat(to).isEqualTo(10);
        });
        AtomicInteger inner = new AtomicInteger();
        Parallel.forRange(2, 1, (from, to) -> {
            Thread outer = Thread.currentThread();
            Parallel.forRange(100, 1, (f, t) -> {
                assertThat(Thread.currentThread()).isSameAs(outer);
                inner.addAndGet(t - f);
            });
        });
        assertThat(inner.get()).isEqualTo(200);
    }

    @Test
    void propagatesExceptionsFromWorkers() {
        Parallel.setThreads(2);
        assertThatThrownBy(() -> Parallel.forRange(2, 1, (from, to) -> {
                    if (from == 1) {
                        throw new IllegalStateException("boom in chunk " + from);
                    }
                }))
                .hasMessageContaining("boom in chunk 1");
    }

    @Test
    void concurrentCallersFromManyThreadsAllComplete() throws Exception {
        Parallel.setThreads(2);
        int callers = 4;
        long[] sums = new long[callers];
        Thread[] ts = new Thread[callers];
        for (int t = 0; t < callers; t++) {
            int id = t;
            ts[t] = new Thread(() -> {
                for (int rep = 0; rep < 200; rep++) {
                    java.util.concurrent.atomic.AtomicLong s = new java.util.concurrent.atomic.AtomicLong();
                    Parallel.forRange(1000, 1, (f, to) -> {
                        long local = 0;
                        for (int i = f; i < to; i++) {
                            local += i;
                        }
                        s.addAndGet(local);
                    });
                    sums[id] += s.get();
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join(60_000);
        }
        for (long s : sums) {
            assertThat(s).isEqualTo(200L * 999 * 1000 / 2);
        }
    }

    @Test
    void setThreadsValidatesAndApplies() {
        assertThatThrownBy(() -> Parallel.setThreads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        Parallel.setThreads(1);
        assertThat(Parallel.threads()).isEqualTo(1);
        Thread caller = Thread.currentThread();
        Parallel.forRange(1000, 1, (f, t) -> assertThat(Thread.currentThread()).isSameAs(caller));
    }
}
