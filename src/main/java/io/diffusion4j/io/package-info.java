/**
 * File formats: safetensors, NumPy .npy, atomic file writes, and the JSON of result records
 * ({@link io.diffusion4j.io.Reports}).
 */
package io.diffusion4j.io;
