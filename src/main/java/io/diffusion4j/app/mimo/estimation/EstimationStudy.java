package io.diffusion4j.app.mimo.estimation;

import io.diffusion4j.app.mimo.ChannelModel;
import io.diffusion4j.app.mimo.Detector;
import io.diffusion4j.app.mimo.MimoSystem;
import io.diffusion4j.app.mimo.Qam;
import io.diffusion4j.app.mimo.SerSimulation;
import io.diffusion4j.metrics.ErrorCount;
import io.diffusion4j.noise.NoiseSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The Monte-Carlo study of channel estimators at one pilot matrix and pilot SNR: sounding k (channel, pilot noise and,
 * with {@link Detection}, the data) comes from {@code noise.fork(k)}, the same for every estimator (common random
 * numbers). Reports the NMSE E[‖ĥ − h‖²/‖h‖²] with its standard error and, optionally, the SER of detectors fed each
 * estimate and the true channel ("perfect") on the same data.
 *
 * @param nr        receive antennas
 * @param nt        transmit antennas
 * @param channel   the law of H
 * @param soundings channel realisations per point
 * @param batch     soundings estimated together (one batch through the score model)
 */
public record EstimationStudy(int nr, int nt, ChannelModel channel, int soundings, int batch) {

    /** The estimate of perfect channel knowledge in SER rows. */
    public static final String PERFECT = "perfect";

    public EstimationStudy {
        if (soundings < 2 || batch < 1) {
            throw new IllegalArgumentException("need at least 2 channel realisations and a batch >= 1");
        }
    }

    /** Data detection with each estimate: {@code vectors} uses of N_T symbols per sounding at the pilot SNR. */
    public record Detection(Qam qam, List<Detector> detectors, int vectors) {
    }

    /** One estimator's NMSE at a point: the mean of the per-realisation normalised errors and its standard error. */
    public record Nmse(String estimator, int pilots, double snrDb, int soundings, double mean, double standardError) {
        public double db() {
            return 10 * Math.log10(mean);
        }

        /** The standard error in dB (delta method: 10/ln 10 · SE/mean). */
        public double dbError() {
            return 10 / Math.log(10) * standardError / mean;
        }
    }

    /** A detector's symbol and bit errors with one estimate. */
    public record Ser(String estimator, String detector, int pilots, double snrDb, ErrorCount symbols, ErrorCount bits) {
    }

    public record Result(List<Nmse> nmse, List<Ser> ser) {
    }

    public Result run(PilotMatrix pilots, double snrDb, List<ChannelEstimator> estimators, Detection detection, NoiseSource noise) {
        double[][] b = pilots.measurement(nr);
        int ne = estimators.size();
        double[] sum = new double[ne];
        double[] sumSq = new double[ne];
        int nd = detection == null ? 0 : detection.detectors().size();
        ErrorCount[][] sym = new ErrorCount[ne + 1][nd];
        ErrorCount[][] bit = new ErrorCount[ne + 1][nd];
        for (int e = 0; e <= ne; e++) {
            for (int d = 0; d < nd; d++) {
                sym[e][d] = new ErrorCount(0, 0);
                bit[e][d] = new ErrorCount(0, 0);
            }
        }
        for (int start = 0; start < soundings; start += batch) {
            int n = Math.min(batch, soundings - start);
            Sounding[] s = new Sounding[n];
            double[][] y = new double[n][];
            for (int k = 0; k < n; k++) {
                s[k] = Sounding.draw(channel, nr, nt, b, snrDb, noise.fork(start + k));
                y[k] = s[k].y();
            }
            double var = s[0].noiseVariance();
            for (int e = 0; e <= ne; e++) {
                double[][] est = new double[n][];
                for (int k = 0; k < n; k++) {
                    est[k] = s[k].h();
                }
                if (e < ne) {
                    est = estimators.get(e).estimate(y, var, noise.fork(-1 - e).fork(start));
                    for (int k = 0; k < n; k++) {
                        double err = ChannelVector.normalisedError(est[k], s[k].h());
                        sum[e] += err;
                        sumSq[e] += err * err;
                    }
                }
                for (int k = 0; k < n && detection != null; k++) {
                    detect(detection, s[k].h(), est[k], snrDb, noise.fork(start + k).fork(-7), sym[e], bit[e]);
                }
            }
        }
        List<Nmse> nmse = new ArrayList<>();
        for (int e = 0; e < ne; e++) {
            double mean = sum[e] / soundings;
            double var = Math.max(0, (sumSq[e] - soundings * mean * mean) / (soundings - 1));
            nmse.add(new Nmse(estimators.get(e).id(), pilots.count(), snrDb, soundings, mean, Math.sqrt(var / soundings)));
        }
        List<Ser> ser = new ArrayList<>();
        for (int e = 0; e <= ne; e++) {
            for (int d = 0; d < nd; d++) {
                ser.add(new Ser(e < ne ? estimators.get(e).id() : PERFECT, detection.detectors().get(d).id(), pilots.count(), snrDb,
                        sym[e][d], bit[e][d]));
            }
        }
        return new Result(nmse, ser);
    }

    /** Data through the true channel, decided with the estimate: the same symbols and noise for every estimate. */
    private void detect(Detection detection, double[] truth, double[] estimate, double snrDb, NoiseSource noise,
                        ErrorCount[] sym, ErrorCount[] bit) {
        MimoSystem system = new MimoSystem(nt, nr, detection.qam(), channel);
        double[][] h = ChannelVector.matrix(truth, nr, nt).real();
        double[][] hHat = ChannelVector.matrix(estimate, nr, nt).real();
        int bitsPerUse = nt * detection.qam().bitsPerSymbol();
        for (int v = 0; v < detection.vectors(); v++) {
            NoiseSource nv = noise.fork(v);
            MimoSystem.Transmission tx = system.transmit(h, snrDb, nv);
            var seen = new io.diffusion4j.app.mimo.Observation(hHat, tx.observation().y(), tx.observation().noiseVariance());
            for (int d = 0; d < sym.length; d++) {
                long[] e = SerSimulation.errors(detection.detectors().get(d).detect(seen, nv.fork(d + 1)), tx.levels());
                sym[d] = sym[d].plus(e[0], nt);
                bit[d] = bit[d].plus(e[1], bitsPerUse);
            }
        }
    }
}
