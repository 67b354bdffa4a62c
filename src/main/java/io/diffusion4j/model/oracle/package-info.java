/**
 * Closed-form denoisers of Gaussian mixtures: the exact E[x₀ | x_t] and score that samplers and estimators are tested against.
 */
package io.diffusion4j.model.oracle;
