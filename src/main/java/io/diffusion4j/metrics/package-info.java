/**
 * Sample-quality and restoration metrics: Fréchet distance, sliced Wasserstein distance, MMD, moment errors, PSNR, SSIM, and paired bootstrap standard errors.
 */
package io.diffusion4j.metrics;
