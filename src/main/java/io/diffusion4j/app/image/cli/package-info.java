/**
 * The d4j train-classifier command.
 */
package io.diffusion4j.app.image.cli;
