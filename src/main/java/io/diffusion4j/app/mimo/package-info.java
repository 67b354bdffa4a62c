/**
 * Massive-MIMO detection: y = Hx + n in its real-valued equivalent, square Gray-mapped QAM, i.i.d. Rayleigh,
 * Kronecker-correlated and clustered geometric channels, the linear detectors (ZF, MMSE), MMSE-SIC with V-BLAST
 * ordering, exact maximum likelihood by Schnorr–Euchner sphere decoding, and the annealed Langevin detector of
 * Zilberstein et al. (IEEE TWC 2023) driven by the exact score of the noise-smoothed QAM prior; symbol and bit error
 * rates by Monte-Carlo with Wilson intervals. The power convention lives in {@link io.diffusion4j.app.mimo.MimoPower}.
 * Imports only core packages and is imported by none (its commands live in {@code app.mimo.cli}).
 */
package io.diffusion4j.app.mimo;
