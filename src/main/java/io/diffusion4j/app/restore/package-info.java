/**
 * Image restoration with a trained prior: {@link io.diffusion4j.app.restore.RestoreSpec} (a restoration as data),
 * {@link io.diffusion4j.app.restore.Restoration} (the library entry point) and
 * {@link io.diffusion4j.app.restore.RestoreCommand} ({@code d4j restore}).
 */
package io.diffusion4j.app.restore;
