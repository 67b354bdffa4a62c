/**
 * The training loop and its optimisers (Adam, RMSProp), the EMA of the weights, training settings and listeners; checkpoints resume bit for bit.
 */
package io.diffusion4j.train;
