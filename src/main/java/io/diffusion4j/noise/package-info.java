/**
 * Reproducible randomness: a seeded, splittable noise source passed down to every draw (same seed, same bits).
 */
package io.diffusion4j.noise;
