/**
 * The {@code d4j distill} service: progressive distillation rounds of a trained run, each round a resumable run
 * directory whose student is the next round's teacher.
 */
package io.diffusion4j.app.distill;
