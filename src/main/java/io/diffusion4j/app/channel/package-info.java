/**
 * The communications application: learning the distribution of a wireless channel p(y | x) with a conditional
 * diffusion model and training end-to-end channel codes (an autoencoder) through it (Kim, Fritschek &amp; Schaefer,
 * "Learning End-to-End Channel Coding with Diffusion Models", WSA 2023; journal version "Diffusion Models for
 * Accurate Channel Distribution Generation").
 *
 * <p><b>Power convention</b> (stated here and applied only in {@link io.diffusion4j.app.channel.PowerConvention}):
 * a channel input x ∈ ℝⁿ carries k = log₂M bits and has unit average energy per real dimension, E‖x‖² = n; at the
 * code rate R = k/n bits per real dimension, Eb/N0 gives the noise standard deviation per real dimension
 * σ = 1/√(2·R·Eb/N0). Every mapper (BPSK, 16-QAM, Hamming(7,4) with BPSK) and the learned encoder obey it.
 *
 * <p>The parts: channels ({@link io.diffusion4j.app.channel.Channel}: AWGN, Rayleigh block and per-symbol fading, Rapp SSPA + AWGN,
 * the tapped delay line with and without cyclic prefix),
 * mappers and codes ({@link io.diffusion4j.app.channel.Constellation}, {@link io.diffusion4j.app.channel.Hamming74}),
 * closed-form error rates ({@link io.diffusion4j.app.channel.ErrorRates}), Monte-Carlo evaluation
 * ({@link io.diffusion4j.app.channel.ErrorRateSimulation}), the learned autoencoder, and the learned channel models
 * (diffusion and WGAN) with their fidelity and mode-coverage measurements
 * ({@link io.diffusion4j.app.channel.ChannelFidelity}, {@link io.diffusion4j.app.channel.ModeCoverage}). This package uses the core and is never used by it.
 */
package io.diffusion4j.app.channel;
