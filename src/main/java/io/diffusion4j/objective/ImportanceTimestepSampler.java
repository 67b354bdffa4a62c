package io.diffusion4j.objective;

import io.diffusion4j.io.Safetensors;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.noise.NoiseSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Importance sampling of timesteps for L_vlb (Nichol &amp; Dhariwal 2021, §3.3, eq. 18): L_vlb = E_{t~p_t}[L_t/p_t]/T
 * with p_t ∝ √E[L_t²], estimated from the last {@value #HISTORY} observed L_t of each t. Until every t has that many,
 * t is uniform with weight 1; afterwards t ~ p_t (mixed with {@value #UNIFORM_MIX} of the uniform law, as in their
 * code, so no t starves) and each sample carries the weight 1/(T·p_t), which keeps the weighted loss an unbiased
 * estimate of the uniform one.
 *
 * <p>The history is state: save it beside each trainer checkpoint with {@link #save} and {@link #restore} it on resume
 * (the trainer's checkpoint holds only weights and optimiser), and the draws of a resumed run are the same.
 * Values are kept in float32, as they are saved, so a restored sampler is bit-identical. Not thread-safe.
 */
public final class ImportanceTimestepSampler implements TimestepSampler {
    public static final int HISTORY = 10;
    public static final double UNIFORM_MIX = 0.001;

    private final int steps;
    private final float[][] history; // history[t-1] holds the last HISTORY values of L_t, a ring
    private final int[] filled;      // values held per t, ≤ HISTORY
    private final int[] next;        // ring position of the next value per t

    public ImportanceTimestepSampler(int T) {
        if (T < 1) {
            throw new IllegalArgumentException("T must be >= 1, got " + T);
        }
        this.steps = T;
        this.history = new float[T][HISTORY];
        this.filled = new int[T];
        this.next = new int[T];
    }

    @Override
    public boolean adaptive() {
        return true;
    }

    /** True once every t has a full history, so draws follow p_t. */
    public boolean warmedUp() {
        return Arrays.stream(filled).allMatch(f -> f == HISTORY);
    }

    /** p_t for t = 1..T (uniform during warm-up). */
    public double[] probabilities() {
        double[] p = new double[steps];
        if (!warmedUp()) {
            Arrays.fill(p, 1.0 / steps);
            return p;
        }
        double total = 0;
        for (int t = 0; t < steps; t++) {
            double sq = 0;
            for (float v : history[t]) {
                sq += (double) v * v;
            }
            p[t] = Math.sqrt(sq / HISTORY);
            total += p[t];
        }
        for (int t = 0; t < steps; t++) {
            p[t] = (1 - UNIFORM_MIX) * (total > 0 ? p[t] / total : 1.0 / steps) + UNIFORM_MIX / steps;
        }
        return p;
    }

    @Override
    public Draw draw(int batch, int T, NoiseSource noise) {
        if (T != steps) {
            throw new IllegalArgumentException("importance sampler built for T=" + steps + " asked for T=" + T);
        }
        if (!warmedUp()) {
            return UNIFORM.draw(batch, T, noise); // the same draws as a uniform run until the history is full
        }
        double[] p = probabilities();
        double[] cum = new double[steps];
        double c = 0;
        for (int t = 0; t < steps; t++) {
            c += p[t];
            cum[t] = c;
        }
        int[] ts = new int[batch];
        double[] w = new double[batch];
        for (int i = 0; i < batch; i++) {
            double u = noise.nextDouble() * c;
            int k = Arrays.binarySearch(cum, u);
            k = Math.min(steps - 1, k >= 0 ? k : -k - 1);
            ts[i] = k + 1;
            w[i] = 1 / (steps * p[k]);
        }
        return new Draw(ts, w);
    }

    @Override
    public void observe(int[] t, double[] losses) {
        for (int i = 0; i < t.length; i++) {
            int k = t[i] - 1;
            history[k][next[k]] = (float) losses[i];
            next[k] = (next[k] + 1) % HISTORY;
            filled[k] = Math.min(HISTORY, filled[k] + 1);
        }
    }

    /** The state as tensors: history (T, 10), filled (T), next (T). */
    public Map<String, Tensor> state() {
        float[] h = new float[steps * HISTORY];
        float[] f = new float[steps];
        float[] n = new float[steps];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(history[t], 0, h, t * HISTORY, HISTORY);
            f[t] = filled[t];
            n[t] = next[t];
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("history", new Tensor(new long[] {steps, HISTORY}, h));
        m.put("filled", new Tensor(new long[] {steps}, f));
        m.put("next", new Tensor(new long[] {steps}, n));
        return m;
    }

    /** Restores a state from {@link #state()}; T must match. */
    public void restore(Map<String, Tensor> state) {
        Tensor h = state.get("history");
        if (h == null || h.data().length != steps * HISTORY || state.get("filled") == null || state.get("next") == null) {
            throw new IllegalArgumentException("timestep-sampler state does not fit T=" + steps + "; was it saved for another schedule?");
        }
        for (int t = 0; t < steps; t++) {
            System.arraycopy(h.data(), t * HISTORY, history[t], 0, HISTORY);
            filled[t] = (int) state.get("filled").data()[t];
            next[t] = (int) state.get("next").data()[t];
        }
    }

    /** Writes the state to a safetensors file (e.g. {@code checkpoint.safetensors.timesteps}). */
    public void save(Path file) throws IOException {
        Safetensors.write(file, state(), Map.of("kind", "importance-timestep-sampler", "T", String.valueOf(steps)));
    }

    /** Reads a state written by {@link #save}. */
    public void restore(Path file) throws IOException {
        restore(Safetensors.read(file).tensors());
    }
}
