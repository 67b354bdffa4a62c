/**
 * The {@code d4j mimo} commands: option parsing and validation only; the work is done by {@code app.mimo}.
 */
package io.diffusion4j.app.mimo.cli;
