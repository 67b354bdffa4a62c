package io.diffusion4j.app.mimo;

import io.diffusion4j.linalg.Matrices;
import io.diffusion4j.linalg.SymmetricEigen;
import io.diffusion4j.noise.NoiseSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelModelsTest {

    @Test
    void realEquivalentActsAsTheComplexProduct() {
        ComplexMatrix h = ChannelModel.gaussian(3, 2, new NoiseSource(1));
        double[] xr = {0.3, -1.2};
        double[] xi = {0.7, 0.1};
        double[] y = Matrices.multiply(h.real(), new double[] {xr[0], xr[1], xi[0], xi[1]});
        for (int i = 0; i < 3; i++) {
            double re = 0;
            double im = 0;
            for (int j = 0; j < 2; j++) {
                re += h.re()[i][j] * xr[j] - h.im()[i][j] * xi[j];
                im += h.re()[i][j] * xi[j] + h.im()[i][j] * xr[j];
            }
            assertEquals(re, y[i], 1e-12);
            assertEquals(im, y[i + 3], 1e-12);
        }
    }

    @Test
    void everyModelHasUnitEntryPowerAndKroneckerHasItsCorrelation() {
        int draws = 4000;
        int nr = 4;
        int nt = 4;
        for (ChannelModel model : new ChannelModel[] {new RayleighChannel(), new KroneckerChannel(0.7), GeometricChannel.defaults()}) {
            NoiseSource noise = new NoiseSource(7);
            double power = 0;
            double corrRe = 0;
            for (int k = 0; k < draws; k++) {
                ComplexMatrix h = model.draw(nr, nt, noise);
                for (int i = 0; i < nr; i++) {
                    for (int j = 0; j < nt; j++) {
                        power += h.re()[i][j] * h.re()[i][j] + h.im()[i][j] * h.im()[i][j];
                    }
                }
                // E[h_00 · conj(h_10)] = ρ for the Kronecker model (neighbouring receive antennas)
                corrRe += h.re()[0][0] * h.re()[1][0] + h.im()[0][0] * h.im()[1][0];
            }
            // |h|² of a CN(0,1) entry has variance 1; the 16 entries of a draw are correlated, so the SE of the mean
            // is at most √(16/(16·draws)) = 1/√draws (the geometric model's entries are heavier-tailed: 6 SE there)
            double se = 1 / Math.sqrt(draws);
            assertEquals(1.0, power / (draws * nr * nt), 6 * se, model.id() + " entry power");
            if (model instanceof KroneckerChannel) {
                assertEquals(0.7, corrRe / draws, 4 * se, "neighbour correlation");
            }
        }
    }

    @Test
    void geometricChannelHasRankAtMostClustersTimesRays() {
        GeometricChannel g = new GeometricChannel(2, 3, 0.5); // wide spread, so the six rays are far from collinear
        double[][] h = g.draw(16, 16, new NoiseSource(3)).real();
        double[] ev = new SymmetricEigen(Matrices.gram(h)).values();
        java.util.Arrays.sort(ev);
        // the real equivalent of a rank-6 complex matrix has rank 12 of 32: the 20 smallest eigenvalues vanish
        for (int i = 0; i < 20; i++) {
            assertTrue(Math.abs(ev[i]) < 1e-8 * ev[31], "eigenvalue " + i + " = " + ev[i]);
        }
        assertTrue(ev[20] > 1e-6 * ev[31]);
    }
}
