/**
 * Ordinary differential equations, solved generically over the state type the toolkit uses: an {@code NDList}, so
 * a system may carry several arrays at once (the probability-flow state x together with Δlog p for likelihoods).
 * As in Apache Commons Math, the problem ({@link io.diffusion4j.ode.OdeSystem}), the algorithm
 * ({@link io.diffusion4j.ode.OdeIntegrator}) and the observer ({@link io.diffusion4j.ode.OdeObserver}) are kept
 * apart, and the Runge–Kutta methods differ only in their coefficient tables ({@link io.diffusion4j.ode.ButcherTableau}).
 */
package io.diffusion4j.ode;
