/**
 * Loss functions with PyTorch semantics: each takes {@code (input, target)} and a {@link dev.myelin.loss.Reduction}.
 *
 * <p>Which output layer goes with which loss (the course's table):
 * <table class="striped">
 *   <caption>Output layer and loss by prediction task</caption>
 *   <thead><tr><th>Prediction task</th><th>Output layer</th><th>Output activation</th><th>Loss</th></tr></thead>
 *   <tbody>
 *   <tr><td>Regression</td><td>1 neuron (one per target)</td><td>linear (identity)</td><td>{@link dev.myelin.loss.MSELoss} (or the course's ½Σ(o−t)², {@link dev.myelin.loss.SquaredErrorLoss})</td></tr>
 *   <tr><td>Binary classification</td><td>1 neuron</td><td>sigmoid</td><td>binary cross-entropy: {@link dev.myelin.loss.BCELoss} on probabilities, or {@link dev.myelin.loss.BCEWithLogitsLoss} on the raw output (sigmoid fused in, numerically stable)</td></tr>
 *   <tr><td>Multi-class classification</td><td>one neuron per class</td><td>softmax</td><td>categorical cross-entropy: {@link dev.myelin.loss.CrossEntropyLoss} takes the raw outputs (logits) and applies log-softmax itself, so the model ends in a Linear; or {@link dev.myelin.loss.NLLLoss} after a LogSoftmax</td></tr>
 *   </tbody>
 * </table>
 * Cross-entropy and NLL also take per-token or per-pixel scores [N, C, d1, ..., dk] with targets
 * [N, d1, ..., dk]. Also: {@link dev.myelin.loss.L1Loss}, {@link dev.myelin.loss.HuberLoss},
 * {@link dev.myelin.loss.SmoothL1Loss}, {@link dev.myelin.loss.KLDivLoss},
 * {@link dev.myelin.loss.HingeLoss}, {@link dev.myelin.loss.MultiMarginLoss} and the overlap losses
 * {@link dev.myelin.loss.DiceLoss} and {@link dev.myelin.loss.JaccardLoss} (segmentation).
 */
package dev.myelin.loss;
