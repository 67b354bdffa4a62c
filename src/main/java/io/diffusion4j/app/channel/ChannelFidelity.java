package io.diffusion4j.app.channel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.data.Points;
import io.diffusion4j.metrics.SampleReport;
import io.diffusion4j.metrics.SlicedWasserstein;
import io.diffusion4j.noise.NoiseSource;

/**
 * How close a learned channel is to the true one on given inputs: the sliced Wasserstein distance (Bonneel et al.
 * 2015) between the joint samples (x, y_model) and (x, y_true) — joint so that a model which ignores x cannot score
 * well — beside its floor, the same distance between two independent true samples; plus the mean residual energy
 * E‖y − x‖²/n of both (the noise power the model reproduces). In the JSON ({@link io.diffusion4j.io.Reports}):
 * swd, swd_floor, residual_power_model, residual_power_true.
 */
public record ChannelFidelity(double swd, double swdFloor, double residualPowerModel, double residualPowerTrue) {

    public static ChannelFidelity measure(Channel model, Channel truth, Points inputs, NDManager manager, NoiseSource noise) {
        try (NDManager sm = manager.newSubManager()) {
            NDArray x = inputs.toNDArray(sm);
            Points gen = joint(inputs, model.transmit(x, noise.fork(1)));
            Points tru = joint(inputs, truth.transmit(x, noise.fork(2)));
            Points ref = joint(inputs, truth.transmit(x, noise.fork(3)));
            SlicedWasserstein sw = new SlicedWasserstein(SampleReport.PROJECTIONS, 20240601L);
            return new ChannelFidelity(sw.distance(gen, tru), sw.distance(ref, tru), residualPower(gen), residualPower(tru));
        }
    }

    private static Points joint(Points x, NDArray y) {
        return ModeCoverage.joint(x, Points.of(y));
    }

    private static double residualPower(Points joint) {
        int n = joint.d() / 2;
        double s = 0;
        for (int i = 0; i < joint.n(); i++) {
            for (int j = 0; j < n; j++) {
                double r = joint.get(i, n + j) - joint.get(i, j);
                s += r * r;
            }
        }
        return s / (joint.n() * (double) n);
    }
}
