/**
 * Threading plumbing: batch chunks run one per libtorch thread at inference, and data-parallel training steps with per-chunk parameter replicas whose gradients are added in chunk order.
 */
package io.diffusion4j.parallel;
