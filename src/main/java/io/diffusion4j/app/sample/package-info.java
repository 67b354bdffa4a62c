/**
 * The sampling service behind {@code d4j sample}: a typed request (a trained run or an exact oracle, any sampler, the
 * label and guidance chain of image runs, the outputs), checked so that no option is silently ignored, then drawn
 * through the toolkit's one sampling loop ({@link io.diffusion4j.run.Generation}).
 */
package io.diffusion4j.app.sample;
