/**
 * Score SDEs in continuous time t ∈ [0, 1] (Song et al. 2021, "Score-Based Generative Modeling through Stochastic
 * Differential Equations"): the variance-preserving, sub-VP and variance-exploding processes, their reverse-time
 * SDEs and probability-flow ODEs, and the adapters that let networks trained in discrete time serve as score models.
 * An SDE's marginal at t is a {@link io.diffusion4j.schedule.NoiseLevel}, so parametrizations, denoisers, oracles
 * and guidance work unchanged in continuous time.
 */
package io.diffusion4j.sde;
