/**
 * Per-sample tensor math shared by the core: broadcasting per-sample scalars, filters, weight maps and engine set-up.
 */
package io.diffusion4j.tensor;
