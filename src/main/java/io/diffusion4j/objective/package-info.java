/**
 * Training objectives: one noised-batch draw (NoisedBatch) shared by every loss, the denoising loss with its weightings, the hybrid and variational losses, denoising score matching in continuous time, timestep sampling and label dropout.
 */
package io.diffusion4j.objective;
