/**
 * The two-dimensional demo: trains on two moons and reports sample quality beside its floors and a Gaussian baseline.
 */
package io.diffusion4j.app.toy;
