package dev.myelin.data.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.myelin.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Loads the real Fashion-MNIST installed by Debian's dataset-fashion-mnist package (skipped if absent). */
class FashionMnistTest {
    private static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @Test
    void debianFilesMatchThePublishedHashes() throws IOException {
        assumeTrue(Files.isDirectory(DEBIAN), "dataset-fashion-mnist is not installed");
        for (RemoteFile f : DatasetSpec.FASHION_MNIST.files())
            assertThat(Downloader.sha256(DEBIAN.resolve(f.name()))).as(f.name()).isEqualTo(f.sha256());
    }

    @Test
    void loadsSixtyThousandTrainAndTenThousandTestImages() throws IOException {
        assumeTrue(Files.isDirectory(DEBIAN), "dataset-fashion-mnist is not installed");
        Path empty = Files.createTempDirectory("myelin-empty");
        DatasetRegistry reg = DatasetRegistry.builder()
                .dataDir(empty)
                .userDir(empty)
                .systemDir(DEBIAN.getParent())
                .allowDownload(false)
                .build();
        ImageDataSet ds = reg.load("fashion-mnist", false);
        assertThat(ds.directory()).isEqualTo(DEBIAN);
        assertThat(ds.train().features().shape()).containsExactly(60000, 28, 28);
        assertThat(ds.test().features().shape()).containsExactly(10000, 28, 28);
        int[] counts = new int[10];
        for (float y : ds.train().targets().data()) counts[(int) y]++;
        assertThat(counts).containsOnly(6000);
        int[] testCounts = new int[10];
        for (float y : ds.test().targets().data()) testCounts[(int) y]++;
        assertThat(testCounts).containsOnly(1000);
        Tensor x = ds.train().features();
        assertThat(x.min().item()).isEqualTo(0f);
        assertThat(x.max().item()).isEqualTo(1f);
        assertThat(x.mean().item()).isBetween(0.27f, 0.30f); // Fashion-MNIST's known mean pixel is 0.2860
        Files.delete(empty);
    }
}
