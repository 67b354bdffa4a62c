/**
 * Image restoration with a trained prior: {@link io.diffusion4j.app.restore.RestoreSpec} (a restoration as data),
 * {@link io.diffusion4j.app.restore.Restoration} (the library entry point), {@link io.diffusion4j.app.restore.Sr3}
 * (SR3-style conditional super-resolution), {@link io.diffusion4j.app.restore.RestoreEval} (the table of methods vs
 * trivial baselines), and the commands {@link io.diffusion4j.app.restore.RestoreCommand} ({@code d4j restore}) and
 * {@link io.diffusion4j.app.restore.RestoreEvalCommand} ({@code d4j eval --metric restore}).
 */
package io.diffusion4j.app.restore;
