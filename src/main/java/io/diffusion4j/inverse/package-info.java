/**
 * Inverse problems with a diffusion prior: sample p(x₀ | y) for y = A·x₀ + σ_y·n with an unconditional denoiser.
 *
 * <ul>
 *   <li>Forward models: {@link io.diffusion4j.inverse.MeasurementOperator} — {@link io.diffusion4j.inverse.Mask},
 *   {@link io.diffusion4j.inverse.GaussianBlur}, {@link io.diffusion4j.inverse.DownSample}, identity — and the data,
 *   {@link io.diffusion4j.inverse.Measurement}.</li>
 *   <li>Methods that change the state after each reverse step, as sampler decorators:
 *   {@link io.diffusion4j.inverse.Replacement}, {@link io.diffusion4j.inverse.Ilvr} (both through
 *   {@link io.diffusion4j.inverse.ProjectedSampler}) and {@link io.diffusion4j.inverse.RePaint}. DPS, which only
 *   changes the prediction, is a denoiser decorator in {@code io.diffusion4j.guidance}.</li>
 *   <li>The exact answer for Gaussian-mixture priors, {@link io.diffusion4j.inverse.GaussianPosterior}, against
 *   which all of them are tested.</li>
 * </ul>
 */
package io.diffusion4j.inverse;
