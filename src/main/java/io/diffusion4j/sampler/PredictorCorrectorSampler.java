package io.diffusion4j.sampler;

import io.diffusion4j.schedule.TimeGrid;
import ai.djl.ndarray.NDArray;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.Transition;

/**
 * Predictor–corrector sampling (Song et al. 2021, §4.2, Algorithms 2 (VE) and 3 (VP)): each grid step is one
 * predictor step — {@link ReverseDiffusionSampler} or {@link EulerMaruyamaSampler}, any single-step sampler in fact —
 * followed by the {@link LangevinCorrector}'s M steps at the level reached. No correction is made at DATA, where the
 * score is undefined. Evaluations: one per step plus M per noisy level reached.
 */
public record PredictorCorrectorSampler(SingleStepSampler predictor, LangevinCorrector corrector) implements Sampler {

    @Override
    public NDArray sample(Denoiser model, TimeGrid grid, NDArray xT, NoiseSource noise, StepListener listener) {
        int[] nfe = {0};
        return ScopedSteps.run(xT, grid.steps(), (i, x, parent) -> {
            Transition tr = Transition.between(grid.level(i), grid.level(i + 1));
            Prediction p = model.predict(x, tr.from());
            NDArray next = predictor.step(p, tr, noise);
            nfe[0]++;
            if (!tr.to().isData()) {
                next = corrector.correct(model, next, tr.to(), tr.alphaTS() * tr.alphaTS(), noise);
                nfe[0] += corrector.steps();
            }
            listener.onStep(new StepListener.Step(i, grid.steps(), tr.from(), next, p.x0(), nfe[0]));
            return next;
        });
    }

    @Override
    public int nfe(TimeGrid grid) {
        int corrected = 0;
        for (int i = 1; i <= grid.steps(); i++) {
            corrected += grid.level(i).isData() ? 0 : 1;
        }
        return grid.steps() + corrector.steps() * corrected;
    }

    @Override
    public String name() {
        return "pc(" + predictor.name() + ", langevin(snr=" + corrector.snr() + ", M=" + corrector.steps() + "))";
    }
}
