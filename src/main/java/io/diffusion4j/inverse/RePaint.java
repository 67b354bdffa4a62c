package io.diffusion4j.inverse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.sampler.Sampler;
import io.diffusion4j.sampler.SingleStepSampler;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.schedule.Transition;

import java.util.ArrayList;
import java.util.List;

/**
 * RePaint (Lugmayr et al. 2022, Algorithm 1 and the jump schedule of §4.2): reverse steps followed by known-region
 * replacement ({@link StepProjection}, normally {@link Replacement}), and, every {@code jumpLength} steps, a jump
 * back up by {@code jumpLength} forward steps x_t ~ N(α_{t|s}·x_s, σ²_{t|s}·I), repeated so that each such segment is
 * traversed {@code resamplings} times in all. Resampling lets the unknown region harmonise with the known one; with
 * {@code resamplings = 1} this is the replacement method. The schedule is the paper's {@code get_schedule_jump}
 * mapped onto the grid's positions (0 = noisiest level, steps() = data): jumps start at the positions one step, and
 * every jumpLength steps, before the data level. Costs {@link #nfe} evaluations.
 *
 * @param base        the reverse step (DDPM in the paper)
 * @param projection  the known-region replacement
 * @param jumpLength  j ≥ 1
 * @param resamplings r ≥ 1
 */
public record RePaint(SingleStepSampler base, StepProjection projection, int jumpLength, int resamplings)
        implements Sampler {

    public RePaint {
        if (jumpLength < 1 || resamplings < 1) {
            throw new IllegalArgumentException("RePaint needs jump length ≥ 1 and resamplings ≥ 1, got j = "
                    + jumpLength + ", r = " + resamplings);
        }
    }

    /** The visited grid positions, from 0 to {@code steps}, each move ±1. */
    public List<Integer> schedule(int steps) {
        int[] jumpsLeft = new int[steps + 1];
        for (int t = 0; t < steps - jumpLength; t += jumpLength) {
            jumpsLeft[steps - 1 - t] = resamplings - 1; // RePaint's 0-based time t is grid position steps − 1 − t
        }
        List<Integer> positions = new ArrayList<>();
        int k = 0;
        positions.add(k);
        while (k < steps) {
            k++;
            positions.add(k);
            if (k < steps && jumpsLeft[k] > 0) {
                jumpsLeft[k]--;
                for (int i = 0; i < jumpLength; i++) {
                    positions.add(--k);
                }
            }
        }
        return positions;
    }

    @Override
    public NDArray sample(Denoiser model, TimeGrid grid, NDArray xT, NoiseSource noise, StepListener listener) {
        List<Integer> path = schedule(grid.steps());
        NDManager parent = xT.getManager();
        NDArray x = xT;
        int nfe = 0;
        for (int i = 1; i < path.size(); i++) {
            int from = path.get(i - 1);
            int to = path.get(i);
            try (NDManager stepManager = parent.newSubManager()) {
                if (x == xT) {
                    x.tempAttach(stepManager);
                } else {
                    x.attach(stepManager);
                }
                NDArray next;
                if (to > from) {
                    Transition tr = Transition.between(grid.level(from), grid.level(to));
                    Prediction p = model.predict(x, tr.from());
                    next = projection.project(base.step(p, tr, noise), tr.to(), noise);
                    nfe++;
                    listener.onStep(new StepListener.Step(i - 1, path.size() - 1, tr.from(), next, p.x0(), nfe));
                } else {
                    Transition up = Transition.between(grid.level(to), grid.level(from));
                    NDArray z = noise.normal(stepManager, x.getShape()).toType(x.getDataType(), false);
                    next = x.mul(up.alphaTS()).add(z.mul(Math.sqrt(up.stepVariance())));
                }
                next.attach(parent);
                x = next;
            }
        }
        return x;
    }

    @Override
    public int nfe(TimeGrid grid) {
        List<Integer> path = schedule(grid.steps());
        int n = 0;
        for (int i = 1; i < path.size(); i++) {
            n += path.get(i) > path.get(i - 1) ? 1 : 0;
        }
        return n;
    }

    @Override
    public String name() {
        return "repaint(" + base.name() + ", j=" + jumpLength + ", r=" + resamplings + ")";
    }
}
