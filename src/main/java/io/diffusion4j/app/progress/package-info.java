/** Terminal progress bars on stderr for every command, fed by the typed training and sampling listeners. */
package io.diffusion4j.app.progress;
