/**
 * Image data: Fashion-MNIST from its IDX files (the full set when installed, else the bundled subset), folders of
 * the user's PNG/JPEG images, and batches of images scaled to [−1, 1] for training. Image batches are NCHW arrays,
 * so every core component (objectives, samplers, guidance) works on them unchanged.
 */
package io.diffusion4j.data.image;
