/**
 * The image application: class-conditional U-Net training on Fashion-MNIST or a folder of images, classifier
 * training (clean, for FID-FMNIST features; noisy, for classifier guidance), sampling with guidance, sample grids
 * and denoising strips, FID-FMNIST reports, the DDIM table and the image demo.
 */
package io.diffusion4j.app.image;
