/**
 * File formats: safetensors, NumPy .npy, and atomic file writes.
 */
package io.diffusion4j.io;
