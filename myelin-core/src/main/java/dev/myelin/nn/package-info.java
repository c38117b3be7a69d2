/**
 * Neural-network building blocks in the style of {@code torch.nn}: {@link dev.myelin.nn.Module} with
 * parameters found by registration, standard layers and activations, the functional ops they call
 * ({@link dev.myelin.nn.F}; the elementwise activations share {@code Elementwise}, whose backward is
 * differentiable when run with grad mode on), weight initialization ({@link dev.myelin.nn.Init}) and the
 * JSON architecture spec ({@link dev.myelin.nn.Architecture}).
 */
package dev.myelin.nn;
