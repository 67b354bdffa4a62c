/**
 * Small dense linear algebra in double precision: products, Cholesky factors and solves, Householder QR and
 * symmetric eigen-decompositions.
 */
package io.diffusion4j.linalg;
