/**
 * Denoisers: the one interface every sampler calls, the networks behind it (MLP and U-Net specs, learned-variance heads, classifiers) and the clipped and baseline denoisers.
 */
package io.diffusion4j.model;
