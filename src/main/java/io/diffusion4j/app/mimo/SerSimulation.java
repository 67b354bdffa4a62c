package io.diffusion4j.app.mimo;

import io.diffusion4j.metrics.ErrorCount;
import io.diffusion4j.noise.NoiseSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Monte-Carlo symbol and bit error rates of several detectors on the same channel uses: use k draws H, symbols and
 * noise from {@code noise.fork(k)} and every detector still running decides on it (common random numbers, so
 * differences between detectors are measured on the same draws); a detector stops once it has {@code minErrors}
 * symbol errors or has seen {@code maxVectors} channel uses. A symbol is wrong when its real or imaginary level is.
 *
 * @param minErrors  symbol errors that end a detector's point
 * @param maxVectors channel uses (vectors of N_T symbols) that end it otherwise
 */
public record SerSimulation(long minErrors, long maxVectors) {

    public SerSimulation {
        if (minErrors < 1 || maxVectors < 1) {
            throw new IllegalArgumentException("need --min-errors and --max-vectors >= 1");
        }
    }

    /** One detector at one SNR: symbol and bit error counts. */
    public record Point(String detector, double snrDb, ErrorCount symbols, ErrorCount bits) {
    }

    /** The points of every detector at {@code snrDb}; {@code progress} sees the running points after each use. */
    public List<Point> run(MimoSystem system, List<Detector> detectors, double snrDb, NoiseSource noise,
                           Consumer<List<Point>> progress) {
        int nd = detectors.size();
        ErrorCount[] sym = new ErrorCount[nd];
        ErrorCount[] bit = new ErrorCount[nd];
        for (int d = 0; d < nd; d++) {
            sym[d] = new ErrorCount(0, 0);
            bit[d] = new ErrorCount(0, 0);
        }
        int nt = system.nt();
        int bitsPerUse = nt * system.qam().bitsPerSymbol();
        for (long k = 0; ; k++) {
            boolean any = false;
            NoiseSource ns = noise.fork(k);
            MimoSystem.Transmission tx = system.transmit(snrDb, ns);
            for (int d = 0; d < nd; d++) {
                if (sym[d].errors() >= minErrors || sym[d].trials() >= maxVectors * nt) {
                    continue;
                }
                any = true;
                int[] got = detectors.get(d).detect(tx.observation(), ns.fork(d + 1));
                long[] e = errors(got, tx.levels());
                sym[d] = sym[d].plus(e[0], nt);
                bit[d] = bit[d].plus(e[1], bitsPerUse);
            }
            if (!any) {
                break;
            }
            progress.accept(points(detectors, snrDb, sym, bit));
        }
        return points(detectors, snrDb, sym, bit);
    }

    /**
     * {symbol errors, bit errors} of one decision against the sent levels (2N_T each, real parts first): a symbol is
     * wrong when its real or its imaginary level is.
     */
    public static long[] errors(int[] got, int[] sent) {
        int nt = sent.length / 2;
        long se = 0;
        long be = 0;
        for (int i = 0; i < nt; i++) {
            int re = Qam.bitErrors(got[i], sent[i]);
            int im = Qam.bitErrors(got[i + nt], sent[i + nt]);
            se += re + im > 0 ? 1 : 0;
            be += re + im;
        }
        return new long[] {se, be};
    }

    private static List<Point> points(List<Detector> detectors, double snrDb, ErrorCount[] sym, ErrorCount[] bit) {
        List<Point> out = new ArrayList<>();
        for (int d = 0; d < detectors.size(); d++) {
            out.add(new Point(detectors.get(d).id(), snrDb, sym[d], bit[d]));
        }
        return out;
    }
}
