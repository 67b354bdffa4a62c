package io.diffusion4j.objective;

import io.diffusion4j.data.Batch;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.ToyData;
import io.diffusion4j.likelihood.Decoder;
import io.diffusion4j.model.MlpSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.tensor.Engines;
import io.diffusion4j.tensor.FreedMemory;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hybrid and L_vlb objectives of Nichol &amp; Dhariwal 2021 against a hand computation, and the stop-gradient. */
class HybridLossTest {
    private static final Schedule SCHEDULE = Schedule.cosine(20, 0.008, 0.999);
    private static final int B = 64;
    private static Network learnedNetwork(NDManager m) {
        return Network.create(new MlpSpec(2, new int[] {32, 32}, 16, 0, 4), m, 11);
    }

    @Test
    void theHybridLossIsLSimplePlusLambdaTimesTheOneTermVlbEstimate() {
        Points data = ToyData.GAUSS.sample(B, new NoiseSource(1));
        int T = SCHEDULE.T();
        try (NDManager m = Engines.newManager(); Network net = learnedNetwork(m)) {
            NDArray x0 = data.toNDArray(m);
            HybridLoss loss = HybridLoss.hybrid(SCHEDULE, Parametrization.EPS, TimestepSampler.UNIFORM, Decoder.GAUSSIAN);
            double got = loss.loss(net, new Batch(x0, null), new NoiseSource(2)).getFloat();

            // Replay the same draws (t first, then ε) and compute every piece in doubles from the raw output.
            NoiseSource replay = new NoiseSource(2);
            int[] t = TimestepSampler.UNIFORM.draw(B, T, replay).t();
            float[] eps = replay.normal(m, x0.getShape()).toFloatArray();
            float[] xt = new float[2 * B];
            float[] time = new float[B];
            for (int i = 0; i < B; i++) {
                time[i] = t[i];
                for (int j = 0; j < 2; j++) {
                    xt[2 * i + j] = (float) (SCHEDULE.sqrtAlphaBar(t[i]) * data.get(i, j) + SCHEDULE.sigma(t[i]) * eps[2 * i + j]);
                }
            }
            float[] out = net.forward(m.create(xt, x0.getShape()), m.create(time), null, true).toFloatArray();
            double want = 0;
            boolean sawDecoder = false;
            for (int i = 0; i < B; i++) {
                int ti = t[i];
                double ab = SCHEDULE.alphaBar(ti);
                double abPrev = SCHEDULE.alphaBar(ti - 1);
                double beta = SCHEDULE.beta(ti);
                double tilde = ti == 1 ? (1 - SCHEDULE.alphaBar(1)) / (1 - SCHEDULE.alphaBar(2)) * SCHEDULE.beta(2)
                        : (1 - abPrev) / (1 - ab) * beta;
                double simple = 0;
                double nats = 0;
                for (int j = 0; j < 2; j++) {
                    double epsHat = out[4 * i + j];
                    double v = out[4 * i + 2 + j];
                    simple += (epsHat - eps[2 * i + j]) * (epsHat - eps[2 * i + j]) / 2;
                    double x0Hat = (xt[2 * i + j] - Math.sqrt(1 - ab) * epsHat) / Math.sqrt(ab);
                    double var = Math.exp(v * Math.log(beta) + (1 - v) * Math.log(tilde));
                    double c0 = Math.sqrt(abPrev) * beta / (1 - ab);
                    double ct = Math.sqrt(1 - beta) * (1 - abPrev) / (1 - ab);
                    double meanP = c0 * x0Hat + ct * xt[2 * i + j];
                    if (ti == 1) {
                        sawDecoder = true;
                        double e = data.get(i, j) - meanP;
                        nats += 0.5 * Math.log(2 * Math.PI * var) + e * e / (2 * var);
                    } else {
                        double meanQ = c0 * data.get(i, j) + ct * xt[2 * i + j];
                        nats += 0.5 * (Math.log(var / tilde) + tilde / var - 1 + (meanQ - meanP) * (meanQ - meanP) / var);
                    }
                }
                want += simple + HybridLoss.LAMBDA * T * nats / (2 * Math.log(2));
            }
            want /= B;
            assertTrue(sawDecoder, "the batch should include t = 1");
            // float32 network output and float32 reductions: relative 1e-5
            assertEquals(want, got, 1e-5 * Math.abs(want));
        }
    }

    /** Gradients of the output layer's rows: mean channels 0..1, variance channels 2..3. */
    private static float[][] outputGradients(HybridLoss loss) {
        return outputGradients(loss, false);
    }

    private static float[][] outputGradients(HybridLoss loss, boolean scribble) {
        try (NDManager m = Engines.newManager(); Network net = learnedNetwork(m)) {
            NDArray x0 = ToyData.GAUSS.sample(B, new NoiseSource(3)).toNDArray(m);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.loss(net, new Batch(x0, null), new NoiseSource(4));
                if (scribble) {
                    FreedMemory.scribble();
                }
                gc.backward(l);
            }
            NDArray w = net.parameters().get("12output_weight").getGradient();
            float[] g = w.toFloatArray();
            int h = g.length / 4;
            float[][] rows = new float[2][2 * h];
            System.arraycopy(g, 0, rows[0], 0, 2 * h);
            System.arraycopy(g, 2 * h, rows[1], 0, 2 * h);
            net.parameters().values().forEach(p -> p.getGradient().muli(0));
            return rows;
        }
    }

    @Test
    void inTheHybridLossTheVlbTermTrainsOnlyTheVariance() {
        TimestepSampler u = TimestepSampler.UNIFORM;
        float[][] hybrid = outputGradients(HybridLoss.hybrid(SCHEDULE, Parametrization.EPS, u, Decoder.GAUSSIAN));
        float[][] simpleOnly = outputGradients(new HybridLoss(SCHEDULE, Parametrization.EPS, ReverseVariance.LEARNED, 1, 0, u, Decoder.GAUSSIAN));
        float[][] vlbOnly = outputGradients(HybridLoss.vlb(SCHEDULE, Parametrization.EPS, ReverseVariance.LEARNED, u, Decoder.GAUSSIAN));
        for (int k = 0; k < hybrid[0].length; k++) {
            // the same float32 graph for the mean rows: only summation order may differ
            assertEquals(simpleOnly[0][k], hybrid[0][k], 1e-6 + 1e-5 * Math.abs(simpleOnly[0][k]), "mean row gradient " + k);
            assertEquals(0f, simpleOnly[1][k], "L_simple must not reach the variance rows");
        }
        assertTrue(norm(hybrid[1]) > 0, "λ·L_vlb trains the variance rows");
        assertTrue(norm(vlbOnly[0]) > 0, "without L_simple, L_vlb trains the mean too");
    }

    /**
     * The gradient survives a garbage collection between forward and backward with freed native memory refilled with
     * NaN: no op in the loss hands autograd a temporary scalar tensor (DJL's op(Number) closes its scalar at once).
     */
    @Test
    void theGradientSurvivesGarbageCollectionBeforeBackward() {
        for (HybridLoss loss : new HybridLoss[] {
                HybridLoss.hybrid(SCHEDULE, Parametrization.EPS, TimestepSampler.UNIFORM, Decoder.GAUSSIAN),
                HybridLoss.vlb(SCHEDULE, Parametrization.V, ReverseVariance.LEARNED, TimestepSampler.UNIFORM, Decoder.DISCRETIZED_8BIT)}) {
            float[][] calm = outputGradients(loss, false);
            float[][] stressed = outputGradients(loss, true);
            for (int r = 0; r < 2; r++) {
                assertArrayEquals(calm[r], stressed[r], "output rows " + r);
            }
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
