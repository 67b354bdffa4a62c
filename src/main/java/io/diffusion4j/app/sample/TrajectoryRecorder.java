package io.diffusion4j.app.sample;

import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.sampler.StepListener;

import java.io.IOException;
import java.nio.file.Path;

/** A step listener that keeps every sampler state and writes them as one (steps, n, d) .npy file. */
public final class TrajectoryRecorder implements StepListener {
    private final int n;
    private final int d;
    private final int steps;
    private final float[] states;
    private int row;   // samples already stored for the current batch offset

    public TrajectoryRecorder(int n, int d, int steps) {
        if ((long) n * d * steps > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("--trajectory would hold " + (long) n * d * steps + " values; lower --n or --steps");
        }
        this.n = n;
        this.d = d;
        this.steps = steps;
        this.states = new float[n * d * steps];
    }

    @Override
    public void onStep(Step s) {
        float[] x = s.x().toFloatArray();
        int b = x.length / d;
        System.arraycopy(x, 0, states, (s.index() * n + row) * d, x.length);
        if (s.index() == s.total() - 1) {
            row += b;   // the batch is finished; the next one fills the following rows
        }
    }

    public void write(Path file) throws IOException {
        Npy.write(file, new Tensor(new long[] {steps, n, d}, states));
    }
}
