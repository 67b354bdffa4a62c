package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import io.diffusion4j.noise.NoiseSource;

/**
 * Inverted dropout (Srivastava et al. 2014, with the 1/(1−p) rescaling at training time) whose masks come from a
 * {@link NoiseSource} rather than the engine's global generator, so that a training step is a pure function of its
 * seed. {@link #seedFrom} derives a source from the step's own inputs (x_t and t, themselves drawn from the step's
 * stream), which keeps exact resume without threading a generator through the block API.
 */
public final class SeededDropout {
    private SeededDropout() {
    }

    /** x with each element zeroed with probability p and the rest scaled by 1/(1−p). */
    public static NDArray apply(NDArray x, double p, NoiseSource noise) {
        if (p <= 0 || noise == null) {
            return x;
        }
        float keep = (float) (1 - p);
        float[] mask = new float[Math.toIntExact(x.getShape().size())];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = noise.nextDouble() < keep ? 1f / keep : 0f;
        }
        return x.mul(x.getManager().create(mask, x.getShape()));
    }

    /** A source seeded by a hash of the given arrays' values (the network inputs of one step). */
    public static NoiseSource seedFrom(NDArray... arrays) {
        long h = 0x2545F4914F6CDD1DL;
        for (NDArray a : arrays) {
            for (float v : a.toFloatArray()) {
                h = (h ^ Float.floatToIntBits(v)) * 0x100000001B3L;
            }
        }
        return new NoiseSource(h);
    }
}
