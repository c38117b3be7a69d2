package dev.myelin.tune;

/**
 * Live progress of a search (e.g. the CLI's best-so-far table). All methods are called on the thread that
 * runs {@link Tuner#run()}, one at a time.
 */
public interface TuneListener {

    /**
     * The search starts; {@code restored} trials were read back from the results file of an earlier run.
     *
     * @param restored trials restored from an earlier run
     */
    default void onSearchStart(int restored) {}

    /**
     * A trial finished (ok, failed or pruned), or was restored from the results file when resuming; {@code best} is
     * the best trial so far (null if none produced a score).
     *
     * @param trial the finished trial
     * @param best the best trial so far, or null
     */
    default void onTrialFinished(TrialResult trial, TrialResult best) {}

    /**
     * The search ended (budget spent, strategy done, or deadline passed).
     *
     * @param result every trial of the search
     */
    default void onSearchEnd(SearchResult result) {}
}
