/** The {@code d4j code} commands: {@code train} (a DDECC model) and {@code ber} (error rates of the decoders). */
package io.diffusion4j.app.codes.cli;
