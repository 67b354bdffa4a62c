/**
 * Parametrizations of the network output (ε, x₀, v) and the one Prediction type that turns raw output into x̂₀, ε̂, v̂ and the score; the reverse variance Σ_θ (fixed β̃, fixed β or learned, {@link io.diffusion4j.param.ReverseVariance}) and its learned interpolation ({@link io.diffusion4j.param.LearnedVariance}).
 */
package io.diffusion4j.param;
