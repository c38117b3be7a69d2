package dev.myelin;

/**
 * Checks for an optional dependency of myelin-core before a feature uses it, so that a user who lacks the jar gets
 * a message naming the artifact to add (with the version this build was made with) instead of a {@link NoClassDefFoundError} from deep inside the feature.
 */
public final class OptionalDependency {

    /** me.tongfei:progressbar, for {@code ProgressBarCallback}. */
    public static final OptionalDependency PROGRESSBAR = new OptionalDependency(
            "me.tongfei.progressbar.ProgressBar",
            "me.tongfei:progressbar:" + Myelin.BUILD.getProperty("progressbar.version"));
    /** org.apache.commons:commons-csv, for reading CSV files and writing history.csv. */
    public static final OptionalDependency COMMONS_CSV = new OptionalDependency(
            "org.apache.commons.csv.CSVFormat",
            "org.apache.commons:commons-csv:" + Myelin.BUILD.getProperty("commons-csv.version"));

    private final String probeClass, artifact;

    private OptionalDependency(String probeClass, String artifact) {
        this.probeClass = probeClass;
        this.artifact = artifact;
    }

    /** {@return the artifact's Maven coordinates, {@code groupId:artifactId:version}} */
    public String artifact() {
        return artifact;
    }

    /**
     * Returns normally when the dependency is on the class path.
     *
     * @param feature what needs it, for the message (e.g. "ProgressBarCallback")
     * @throws IllegalStateException naming the artifact to add when it is missing
     */
    public void require(String feature) {
        try {
            Class.forName(probeClass, false, OptionalDependency.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            String[] gav = artifact.split(":");
            throw new IllegalStateException(
                    feature + " needs the optional dependency " + artifact + ", which is not on the class path: add "
                            + "<dependency><groupId>" + gav[0] + "</groupId><artifactId>" + gav[1]
                            + "</artifactId><version>" + gav[2]
                            + "</version></dependency> to your pom.xml",
                    e);
        }
    }
}
