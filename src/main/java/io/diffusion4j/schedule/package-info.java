/**
 * Noise schedules as immutable values in double precision (ᾱ, α, σ, SNR, log-SNR, β), the noise levels samplers see, and time grids built by spacing strategies.
 */
package io.diffusion4j.schedule;
