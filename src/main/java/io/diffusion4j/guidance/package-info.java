/**
 * Guidance as decorators over a {@link io.diffusion4j.model.Denoiser}: classifier-free guidance and classifier
 * guidance change the prediction, so every sampler gets them without knowing.
 */
package io.diffusion4j.guidance;
