/**
 * The d4j channel commands: toy, train-model, train-ae and ber.
 */
package io.diffusion4j.app.channel.cli;
