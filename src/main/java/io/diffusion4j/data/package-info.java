/**
 * Data sets of points (toy distributions, files), their normalisation, and the batches training draws from them.
 */
package io.diffusion4j.data;
