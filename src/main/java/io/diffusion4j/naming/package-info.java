/**
 * The names users type for a choice (a prediction, a schedule, a spacing, a variance, …): one canonical id per
 * choice, aliases such as diffusers' spellings, matching that ignores case and treats '_' and '-' alike, and the one
 * error line that lists every accepted name; and the lists of numbers users type (5, 0,2,4 or 0:8:1). Imports
 * nothing else of the project, so every package may use it.
 */
package io.diffusion4j.naming;
