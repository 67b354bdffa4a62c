package io.diffusion4j.app.mimo;

import io.diffusion4j.noise.NoiseSource;

/** A hard-decision MIMO detector: the PAM levels (2N_T, real parts first) it decides for an observation. */
public interface Detector {

    /** zf, mmse, vblast, ml or ald. */
    String id();

    /** The decided levels; {@code noise} feeds the randomised detectors (the deterministic ones ignore it). */
    int[] detect(Observation o, NoiseSource noise);
}
