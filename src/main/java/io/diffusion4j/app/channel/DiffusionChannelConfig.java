package io.diffusion4j.app.channel;

import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.ScheduleSpec;

/**
 * The configuration of a conditional diffusion model of a channel p(y | x), as data (it is stored beside the
 * weights): the channel dimension n, the MLP's hidden widths (one residual block each), the schedule and what the
 * network predicts. The denoiser sees [y_t, x]: an {@link MlpSpec} with condDim = n.
 */
public record DiffusionChannelConfig(int n, int[] hidden, ScheduleSpec schedule, Parametrization prediction) {

    public DiffusionChannelConfig {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        hidden = hidden.clone();
    }

    /** The tutorial's setting: constant β = 0.05, T = 100, ε-prediction, three hidden layers of 64. */
    public static DiffusionChannelConfig tutorial(int n) {
        return new DiffusionChannelConfig(n, new int[] {64, 64, 64}, new ScheduleSpec("constant", 100, 0.05, null, false),
                Parametrization.EPS);
    }

    /** The journal's setting: cosine with zero terminal SNR, T = 100, v-prediction, three hidden layers of 128. */
    public static DiffusionChannelConfig journal(int n) {
        return new DiffusionChannelConfig(n, new int[] {128, 128, 128}, ScheduleSpec.of("cosine", 100).withZeroTerminalSnr(true),
                Parametrization.V);
    }

    /** The same model with another schedule and prediction. */
    public DiffusionChannelConfig with(ScheduleSpec s, Parametrization p) {
        return new DiffusionChannelConfig(n, hidden, s, p);
    }

    /** The denoiser network: x = y_t (n), condition = channel input (n), output n. */
    public MlpSpec mlp() {
        return new MlpSpec(n, hidden, 64, n, n);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }
}
