/**
 * Samplers as stateless strategies over one Denoiser: DDPM, DDIM, DPM-Solver++(2M), Euler–Maruyama, predictor–corrector, probability-flow ODEs and annealed Langevin dynamics.
 */
package io.diffusion4j.sampler;
