/**
 * DJL blocks the networks are built from: time embeddings, residual and attention blocks, group norm (libtorch's own kernel through a weightless TorchScript op, with a composite fallback), seeded dropout.
 */
package io.diffusion4j.model.nn;
