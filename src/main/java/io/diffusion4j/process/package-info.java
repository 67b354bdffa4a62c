/**
 * The forward process q(x_t | x₀) of a discrete schedule (Ho et al. 2020, eq. 4) and its posterior q(x_{t−1} | x_t, x₀) (eq. 6–7).
 */
package io.diffusion4j.process;
