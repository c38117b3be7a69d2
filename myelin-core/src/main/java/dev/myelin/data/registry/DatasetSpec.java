package dev.myelin.data.registry;

import java.util.List;

/**
 * Where an IDX image data set comes from: its registry name, the base URLs tried in order, and its four files.
 *
 * <p>The Fashion-MNIST hashes are the SHA-256 of the files installed by Debian's {@code dataset-fashion-mnist}
 * package (the official files). The MNIST hashes are the ones published alongside many MNIST downloaders
 * (e.g. the torchvision mirror); they could not be checked against the files on a machine without internet.
 *
 * @param name the registry name, in lower case (lookups are lower-cased), also the directory name under each
 *     search root
 * @param baseUrls the base URLs the files are downloaded from, tried in order (at least one)
 * @param trainImages the IDX file of the training images
 * @param trainLabels the IDX file of the training labels
 * @param testImages the IDX file of the test images
 * @param testLabels the IDX file of the test labels
 * @param numClasses the number of classes; labels outside {@code [0, numClasses)} are rejected on load
 */
public record DatasetSpec(
        String name,
        List<String> baseUrls,
        RemoteFile trainImages,
        RemoteFile trainLabels,
        RemoteFile testImages,
        RemoteFile testLabels,
        int numClasses) {
    /** Fashion-MNIST (Zalando): 28x28 grey-scale images of 10 kinds of clothing, 60,000 train and 10,000 test. */
    public static final DatasetSpec FASHION_MNIST = new DatasetSpec(
            "fashion-mnist",
            List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            new RemoteFile(
                    "train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
            new RemoteFile(
                    "train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
            new RemoteFile(
                    "t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
            new RemoteFile(
                    "t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
            10);

    /** MNIST from its original site and, when that refuses, the S3 mirror torchvision uses (same files). */
    public static final DatasetSpec MNIST = new DatasetSpec(
            "mnist",
            List.of("https://yann.lecun.com/exdb/mnist/", "https://ossci-datasets.s3.amazonaws.com/mnist/"),
            new RemoteFile(
                    "train-images-idx3-ubyte.gz", "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            new RemoteFile(
                    "train-labels-idx1-ubyte.gz", "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            new RemoteFile(
                    "t10k-images-idx3-ubyte.gz", "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            new RemoteFile(
                    "t10k-labels-idx1-ubyte.gz", "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"),
            10);

    /**
     * Copies the URL list.
     *
     * @param name the registry name
     * @param baseUrls the download base URLs, tried in order
     * @param trainImages the IDX file of the training images
     * @param trainLabels the IDX file of the training labels
     * @param testImages the IDX file of the test images
     * @param testLabels the IDX file of the test labels
     * @param numClasses the number of classes
     * @throws IllegalArgumentException if {@code baseUrls} is empty or {@code name} is not in lower case
     */
    public DatasetSpec {
        // the registry lower-cases every lookup: an upper-case name could be registered but never found
        if (name == null || !name.equals(name.toLowerCase(java.util.Locale.ROOT)))
            throw new IllegalArgumentException(
                    "DatasetSpec '" + name + "': the name must be in lower case (lookups are lower-cased)");
        baseUrls = List.copyOf(baseUrls);
        if (baseUrls.isEmpty())
            throw new IllegalArgumentException("DatasetSpec " + name + ": need at least one base URL");
    }

    /** {@return the four files: train images, train labels, test images, test labels} */
    public List<RemoteFile> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    /**
     * Points the same data set at other servers.
     *
     * @param urls the base URLs to try, in order (e.g. a local mirror)
     * @return a copy of this spec with {@code urls} as its base URLs
     * @throws IllegalArgumentException if {@code urls} is empty
     */
    public DatasetSpec withBaseUrls(List<String> urls) {
        return new DatasetSpec(name, urls, trainImages, trainLabels, testImages, testLabels, numClasses);
    }
}
