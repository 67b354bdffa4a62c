/**
 * Likelihoods of diffusion models: the variational bound in bits per dimension (Ho et al. 2020) with its terms
 * ({@link io.diffusion4j.likelihood.VariationalTerms}), estimators over all or sampled timesteps
 * ({@link io.diffusion4j.likelihood.Elbo}) and decoders for 8-bit and continuous data, for any reverse variance
 * ({@link io.diffusion4j.param.ReverseVariance}, the learned one of Nichol &amp; Dhariwal 2021 included); the exact
 * likelihood through the
 * probability-flow ODE ({@link io.diffusion4j.likelihood.FlowLikelihood}) with its divergence estimators
 * ({@link io.diffusion4j.likelihood.Divergence}); and PriorGrad's data-dependent prior
 * ({@link io.diffusion4j.likelihood.PriorGrad}). The hybrid loss and the importance timestep sampler live in
 * {@code objective}.
 */
package io.diffusion4j.likelihood;
