package dev.myelin.tune.selection;

import java.util.Map;

/**
 * One candidate of a search, as a row of scikit-learn's {@code cv_results_}.
 *
 * @param params           the candidate's parameters, as given in the grid or drawn from the distributions
 * @param splitTestScores  the score on each cross-validation fold (empty if fitting failed)
 * @param meanTestScore    mean of the fold scores (NaN if fitting failed)
 * @param stdTestScore     population standard deviation of the fold scores, as numpy's {@code std} (NaN if failed)
 * @param rankTestScore    1 for the best mean score; ties share the lowest rank; failed candidates rank last
 * @param fitSeconds       wall time of all folds
 * @param error            why fitting failed, or null
 */
public record CvResult(
        Map<String, Object> params,
        double[] splitTestScores,
        double meanTestScore,
        double stdTestScore,
        int rankTestScore,
        double fitSeconds,
        String error) {}
