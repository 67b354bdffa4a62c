/**
 * The training service behind {@code d4j train}: a typed request becomes a {@link io.diffusion4j.run.RunConfig} (point
 * data with an MLP or the Gaussian baseline, images with a U-Net), options that do not apply are refused, and the run
 * directory is trained or resumed.
 */
package io.diffusion4j.app.train;
