/**
 * Linear block codes over GF(2) and their decoders on BPSK over AWGN: Hamming(7,4), BCH(31,16), BCH(63,51) and
 * Polar(64,32) built from their definitions; hard-decision syndrome decoding, belief propagation (sum-product) and
 * exact soft maximum-likelihood decoding by exhaustive correlation; Monte-Carlo bit and block error rates.
 * Imports only core packages and the error counts of {@code app.channel}.
 */
package io.diffusion4j.app.codes;
