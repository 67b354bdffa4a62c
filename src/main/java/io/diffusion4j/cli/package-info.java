/**
 * The d4j command line: each command parses its options and calls a service; name registries for samplers, schedules and likelihood options live here.
 */
package io.diffusion4j.cli;
