/**
 * PNG plots through XChart: samples over data, loss curves and schedules.
 */
package io.diffusion4j.plot;
