package io.diffusion4j.app.codes;

import io.diffusion4j.metrics.ErrorCount;
import io.diffusion4j.noise.NoiseSource;

import java.util.ArrayList;
import java.util.List;

/**
 * Monte-Carlo bit and block error rates of one decoder of a code on BPSK over AWGN: batch j draws uniform messages
 * and the channel noise from {@code noise.fork(j)}, so every decoder run with the same seed sees the same codewords
 * and noise (common random numbers) up to where it stops: at {@code minErrors} bit errors or {@code maxBlocks}
 * blocks. A bit error is a wrong code bit among all n (the convention of the DDECC and ECCT papers); a block error
 * is a decided word other than the sent codeword. Intervals are the 95 % Wilson intervals of {@link ErrorCount}.
 *
 * @param minErrors bit errors that end a point
 * @param maxBlocks blocks that end it otherwise
 * @param batch     blocks per decoder call
 */
public record CodeBerSimulation(long minErrors, long maxBlocks, int batch) {

    public CodeBerSimulation {
        if (minErrors < 1 || maxBlocks < 1 || batch < 1) {
            throw new IllegalArgumentException("need --min-errors, --max-blocks and the batch >= 1");
        }
    }

    /** One decoder at one Eb/N0: bit and block error counts and the decoding time. */
    public record Point(String decoder, double ebN0Db, ErrorCount bits, ErrorCount blocks, double decodeSeconds) {
        /** Decoded codewords per second of decoder time. */
        public double throughput() {
            return blocks.trials() / decodeSeconds;
        }
    }

    /** The point of {@code decoder} at {@code ebN0Db}. */
    public Point run(LinearCode code, Decoder decoder, double ebN0Db, NoiseSource noise) {
        AwgnBpsk channel = new AwgnBpsk(ebN0Db, code.rate());
        int n = code.n();
        ErrorCount bits = new ErrorCount(0, 0);
        ErrorCount blocks = new ErrorCount(0, 0);
        long nanos = 0;
        for (long j = 0; bits.errors() < minErrors && blocks.trials() < maxBlocks; j++) {
            int b = (int) Math.min(batch, maxBlocks - blocks.trials());
            NoiseSource draw = noise.fork(j);
            int[] sent = codewords(code, b, draw);
            float[] y = channel.transmit(sent, draw);
            long t0 = System.nanoTime();
            int[] decided = decoder.decode(y, b, channel.sigma());
            nanos += System.nanoTime() - t0;
            long bitErrors = 0;
            long blockErrors = 0;
            for (int i = 0; i < b; i++) {
                int wrong = 0;
                for (int v = i * n; v < (i + 1) * n; v++) {
                    wrong += decided[v] ^ sent[v];
                }
                bitErrors += wrong;
                blockErrors += wrong > 0 ? 1 : 0;
            }
            bits = bits.plus(bitErrors, (long) b * n);
            blocks = blocks.plus(blockErrors, b);
        }
        return new Point(decoder.name(), ebN0Db, bits, blocks, nanos / 1e9);
    }

    /** The points of {@code decoder} at every Eb/N0, each with noise forked by its value. */
    public List<Point> curve(LinearCode code, Decoder decoder, double[] ebN0Db, NoiseSource noise) {
        List<Point> out = new ArrayList<>();
        for (double e : ebN0Db) {
            out.add(run(code, decoder, e, noise.fork(Double.doubleToLongBits(e))));
        }
        return out;
    }

    /** {@code b} codewords of uniform messages, row-major. */
    static int[] codewords(LinearCode code, int b, NoiseSource noise) {
        int n = code.n();
        int[] out = new int[b * n];
        int[] bits = noise.ints(b * code.k(), 0, 1);
        int[] m = new int[code.k()];
        for (int i = 0; i < b; i++) {
            System.arraycopy(bits, i * code.k(), m, 0, m.length);
            System.arraycopy(code.encode(m), 0, out, i * n, n);
        }
        return out;
    }
}
