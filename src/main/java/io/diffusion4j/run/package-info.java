/**
 * Run directories: the stored configuration, training a run, loading it back as a denoiser, generation and likelihood evaluation.
 */
package io.diffusion4j.run;
