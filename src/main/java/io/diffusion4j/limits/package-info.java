/**
 * The stated limits on every size a user can give (T, batch, widths, sample counts, image sides, code lengths) and
 * the memory check that compares an estimate made from those sizes with the JVM heap and a cap on native memory,
 * so that a request too large for the machine ends in one line before anything is allocated. A leaf package: it
 * imports nothing of the project.
 */
package io.diffusion4j.limits;
