package dev.myelin.data.registry;

import dev.myelin.data.TensorDataset;
import dev.myelin.data.idx.IdxReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and loads the named image data sets {@code mnist} and {@code fashion-mnist}. A data set directory is
 * searched in this order, and the first one holding all four files (each gzip-compressed or unpacked) wins:
 * <ol>
 *   <li>{@code $MYELIN_DATA/<name>}</li>
 *   <li>{@code ~/.myelin/datasets/<name>}</li>
 *   <li>{@code /usr/share/datasets/<name>} (Debian's {@code dataset-fashion-mnist} installs there)</li>
 * </ol>
 * Otherwise the missing files are downloaded into {@code ~/.myelin/datasets/<name>} and verified by SHA-256.
 * The download base URL can be replaced with {@link Builder#baseUrl}, the system property
 * {@code myelin.datasets.<name>.url} or the environment variable {@code MYELIN_<NAME>_URL}
 * (e.g. {@code MYELIN_FASHION_MNIST_URL}).
 */
public final class DatasetRegistry {
    private static final Map<String, DatasetSpec> KNOWN = Map.of(
            DatasetSpec.MNIST.name(), DatasetSpec.MNIST, DatasetSpec.FASHION_MNIST.name(), DatasetSpec.FASHION_MNIST);

    private final Map<String, DatasetSpec> specs;
    private final List<Path> roots;
    private final Path downloadRoot;
    private final Map<String, String> baseUrls;
    private final Downloader downloader;
    private final DownloadProgress progress;
    private final boolean allowDownload;
    private final boolean dataDirFromEnvMissing;

    private DatasetRegistry(Builder b) {
        this.specs = Map.copyOf(b.specs);
        for (String n : b.baseUrls.keySet())
            if (!specs.containsKey(n))
                throw new IllegalArgumentException("baseUrl: unknown data set '" + n + "'; known: " + specs.keySet());
        List<Path> r = new ArrayList<>();
        String env = System.getenv("MYELIN_DATA");
        Path dataDir = b.dataDir != null ? b.dataDir : env != null && !env.isBlank() ? Path.of(env) : null;
        this.dataDirFromEnvMissing = dataDir == null;
        if (dataDir != null) r.add(dataDir);
        r.add(b.userDir);
        if (b.systemDir != null) r.add(b.systemDir);
        this.roots = List.copyOf(r);
        this.downloadRoot = b.userDir;
        this.baseUrls = Map.copyOf(b.baseUrls);
        this.downloader = b.downloader != null ? b.downloader : new Downloader();
        this.progress = b.progress;
        this.allowDownload = b.allowDownload;
    }

    /** {@return a builder with the default locations, the two built-in data sets and downloading allowed} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the registry with the default locations, reading {@code MYELIN_DATA} and the URL overrides from the
     * environment}
     */
    public static DatasetRegistry defaults() {
        return builder().build();
    }

    /** {@return the names this registry knows, sorted} */
    public List<String> names() {
        return specs.keySet().stream().sorted().toList();
    }

    /**
     * Looks up a data set, applying a configured base URL override ({@link Builder#baseUrl}, then the system
     * property, then the environment variable).
     *
     * @param name the data set's name, in any case, e.g. {@code "fashion-mnist"}
     * @return the spec for {@code name}, with its base URL replaced if an override is configured
     * @throws IllegalArgumentException if the name is unknown (the message lists the known ones)
     */
    public DatasetSpec spec(String name) {
        DatasetSpec spec = specs.get(name.toLowerCase(Locale.ROOT));
        if (spec == null) throw new IllegalArgumentException("unknown data set '" + name + "'; known: " + names());
        String override = baseUrls.get(spec.name());
        if (override == null) override = System.getProperty("myelin.datasets." + spec.name() + ".url");
        if (override == null)
            override = System.getenv(
                    "MYELIN_" + spec.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL");
        return override == null || override.isBlank() ? spec : spec.withBaseUrls(List.of(override));
    }

    /**
     * Lists where {@link #find} looks.
     *
     * @param name the data set's name
     * @return the directories searched for {@code name}, in order
     * @throws IllegalArgumentException if the name is unknown
     */
    public List<Path> searchDirectories(String name) {
        String n = spec(name).name();
        return roots.stream().map(r -> r.resolve(n)).toList();
    }

    /**
     * Searches the directories for a complete copy, without downloading.
     *
     * @param name the data set's name
     * @return the first directory holding all four files of {@code name} (each .gz or unpacked), or empty
     * @throws IllegalArgumentException if the name is unknown
     */
    public Optional<Path> find(String name) {
        DatasetSpec spec = spec(name);
        return searchDirectories(name).stream()
                .filter(d -> spec.files().stream().allMatch(f -> resolve(d, f) != null))
                .findFirst();
    }

    /**
     * Finds the data set, downloading the missing files into the user directory first if no search directory has
     * them all.
     *
     * @param name the data set's name
     * @return the directory holding all four files
     * @throws IllegalArgumentException if the name is unknown
     * @throws DatasetUnavailableException if the files are not on disk and downloading is switched off or fails
     *     from every base URL (the message says where to put the files)
     * @throws IOException if the download directory cannot be written
     */
    public Path locate(String name) throws IOException {
        Optional<Path> found = find(name);
        if (found.isPresent()) return found.get();
        DatasetSpec spec = spec(name);
        Path dir = downloadRoot.resolve(spec.name());
        if (!allowDownload) throw unavailable(spec, "downloading is switched off", null);
        for (RemoteFile f : spec.files()) {
            if (resolve(dir, f) != null) continue;
            Map<String, IOException> failures = new LinkedHashMap<>();
            boolean done = false;
            for (String base : spec.baseUrls()) {
                URI url = URI.create(base.endsWith("/") ? base + f.name() : base + "/" + f.name());
                try {
                    downloader.download(url, dir.resolve(f.name()), f.sha256(), progress);
                    done = true;
                    break;
                } catch (IOException e) {
                    failures.put(url.toString(), e);
                }
            }
            if (!done) {
                IOException first = failures.values().iterator().next();
                StringBuilder why = new StringBuilder("downloading failed:");
                failures.values().forEach(e -> why.append("\n  ").append(e.getMessage()));
                throw unavailable(spec, why.toString(), first);
            }
        }
        return dir;
    }

    /**
     * Loads the data set's train and test splits, downloading them first if needed ({@link #locate}).
     *
     * <pre>{@code
     * ImageDataSet fashion = DatasetRegistry.defaults().load("fashion-mnist", true);
     * DataLoader<Batch> train = DataLoader.builder(fashion.train()).batchSize(64).shuffle(true).build();
     * }</pre>
     *
     * @param name the data set's name
     * @param flatten whether images are [N, 784] (for an MLP) instead of [N, 28, 28]
     * @return both splits: pixel values scaled to [0, 1], labels as class indices [N]
     * @throws IllegalArgumentException if the name is unknown
     * @throws DatasetUnavailableException if the files are missing and cannot be downloaded
     * @throws IOException if a file cannot be read or is not a valid IDX file
     */
    public ImageDataSet load(String name, boolean flatten) throws IOException {
        DatasetSpec spec = spec(name);
        Path dir = locate(name);
        TensorDataset train = IdxReader.read(
                resolve(dir, spec.trainImages()), resolve(dir, spec.trainLabels()), flatten, spec.numClasses());
        TensorDataset test = IdxReader.read(
                resolve(dir, spec.testImages()), resolve(dir, spec.testLabels()), flatten, spec.numClasses());
        return new ImageDataSet(spec.name(), train, test, dir);
    }

    /** The file in {@code dir} as published (.gz) or unpacked, or null if neither exists. */
    private static Path resolve(Path dir, RemoteFile f) {
        Path gz = dir.resolve(f.name()), plain = dir.resolve(f.uncompressedName());
        return Files.isRegularFile(gz) ? gz : Files.isRegularFile(plain) ? plain : null;
    }

    private DatasetUnavailableException unavailable(DatasetSpec spec, String why, Throwable cause) {
        StringBuilder m =
                new StringBuilder("data set '" + spec.name() + "' was not found and " + why + "\nPut the files ");
        m.append(String.join(", ", spec.files().stream().map(RemoteFile::name).toList()))
                .append(" (gzip-compressed or unpacked without .gz) into one of:");
        for (Path d : searchDirectories(spec.name())) m.append("\n  ").append(d);
        if (dataDirFromEnvMissing)
            m.append("\n  (or set MYELIN_DATA to a directory and use $MYELIN_DATA/")
                    .append(spec.name())
                    .append(")");
        if (spec.name().equals("fashion-mnist")) m.append("\nOn Debian/Ubuntu: apt install dataset-fashion-mnist");
        m.append("\nThey are published at ").append(String.join(" or ", spec.baseUrls()));
        return new DatasetUnavailableException(m.toString(), cause);
    }

    /** Configuration of a {@link DatasetRegistry}; every location can be replaced (e.g. in tests). */
    public static final class Builder {
        private Path dataDir;
        private Path userDir = Path.of(System.getProperty("user.home"), ".myelin", "datasets");
        private Path systemDir = Path.of("/usr/share/datasets");
        private final Map<String, String> baseUrls = new LinkedHashMap<>();
        private final Map<String, DatasetSpec> specs = new LinkedHashMap<>(KNOWN);
        private Downloader downloader;
        private DownloadProgress progress = DownloadProgress.NONE;
        private boolean allowDownload = true;

        private Builder() {}

        /**
         * Replaces {@code $MYELIN_DATA}, the first search root.
         *
         * @param dir the directory holding {@code <name>/} sub-directories, or null to read {@code MYELIN_DATA}
         * @return this builder
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /**
         * Replaces {@code ~/.myelin/datasets}, the second search root and where downloads go.
         *
         * @param dir the user data directory
         * @return this builder
         * @throws IllegalArgumentException if {@code dir} is null
         */
        public Builder userDir(Path dir) {
            if (dir == null) throw new IllegalArgumentException("userDir must not be null: downloads go there");
            this.userDir = dir;
            return this;
        }

        /**
         * Replaces {@code /usr/share/datasets}, the last search root.
         *
         * @param dir the system data directory, or null to skip the system location
         * @return this builder
         */
        public Builder systemDir(Path dir) {
            this.systemDir = dir;
            return this;
        }

        /**
         * Downloads {@code name}'s files from {@code baseUrl} instead of the official source; this wins over the
         * system property and environment variable. The name is checked when the registry is built.
         *
         * @param name a known data set's name, in lower case
         * @param baseUrl the URL the file names are appended to
         * @return this builder
         */
        public Builder baseUrl(String name, String baseUrl) {
            baseUrls.put(name.toLowerCase(Locale.ROOT), baseUrl); // as lookups
            return this;
        }

        /**
         * Adds a data set of the same IDX layout, or replaces a built-in one of the same name (e.g. a mirror).
         *
         * @param spec the data set's name, URLs, files and hashes
         * @return this builder
         */
        public Builder register(DatasetSpec spec) {
            specs.put(spec.name(), spec);
            return this;
        }

        /**
         * Replaces the HTTP downloader (e.g. one with another client or timeout).
         *
         * @param downloader the downloader, or null for a default {@link Downloader}
         * @return this builder
         */
        public Builder downloader(Downloader downloader) {
            this.downloader = downloader;
            return this;
        }

        /**
         * Sets who hears about download progress; default {@link DownloadProgress#NONE}.
         *
         * @param progress the listener, or null for none
         * @return this builder
         */
        public Builder progress(DownloadProgress progress) {
            this.progress = progress == null ? DownloadProgress.NONE : progress;
            return this;
        }

        /**
         * Sets whether a missing data set may be downloaded (default true).
         *
         * @param allow false to fail with {@link DatasetUnavailableException} instead of downloading
         * @return this builder
         */
        public Builder allowDownload(boolean allow) {
            this.allowDownload = allow;
            return this;
        }

        /**
         * {@return a registry with this configuration}
         *
         * @throws IllegalArgumentException if a {@link #baseUrl} names an unknown data set
         */
        public DatasetRegistry build() {
            return new DatasetRegistry(this);
        }
    }
}
