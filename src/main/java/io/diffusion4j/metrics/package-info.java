/**
 * Sample-quality and restoration metrics: Fréchet distance, sliced Wasserstein distance, MMD, improved precision and recall (k-NN manifolds), moment errors, PSNR, SSIM, paired bootstrap standard errors, and Monte-Carlo error counts with Wilson intervals.
 */
package io.diffusion4j.metrics;
