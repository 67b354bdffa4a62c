/**
 * Parametrizations of the network output (ε, x₀, v) and the one Prediction type that turns raw output into x̂₀, ε̂, v̂ and the score; learned-variance interpolation.
 */
package io.diffusion4j.param;
