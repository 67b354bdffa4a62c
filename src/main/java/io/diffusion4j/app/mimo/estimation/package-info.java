/**
 * Channel estimation from pilots for the MIMO application: least squares, LMMSE with a known or sample covariance,
 * and posterior sampling of H with annealed Langevin dynamics driven by a learned score of the channel distribution
 * (Arvinte &amp; Tamir, "MIMO Channel Estimation Using Score-Based Generative Models", IEEE TWC 2022, as used by the joint
 * estimation and detection of Zilberstein et al., ICASSP 2024). Built on {@code app.mimo}; nothing imports it but its
 * command.
 */
package io.diffusion4j.app.mimo.estimation;
