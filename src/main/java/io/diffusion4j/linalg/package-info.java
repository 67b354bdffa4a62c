/**
 * Small dense linear algebra in double precision: Cholesky factors and symmetric eigen-decompositions.
 */
package io.diffusion4j.linalg;
