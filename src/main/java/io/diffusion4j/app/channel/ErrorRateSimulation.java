package io.diffusion4j.app.channel;

import io.diffusion4j.metrics.ErrorCount;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.diffusion4j.noise.NoiseSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Monte-Carlo block (symbol) error rate of a {@link Transceiver} on a {@link Channel}: uniform messages in batches,
 * each batch in its own sub-manager and with its own noise stream {@code fork(batch index)}, until at least
 * {@code minErrors} errors or {@code maxBlocks} blocks. Curves over Eb/N0 use the package's power convention.
 *
 * @param minErrors stop once this many block errors were seen
 * @param maxBlocks … or once this many blocks were sent
 * @param batch     blocks per batch
 */
public record ErrorRateSimulation(long minErrors, long maxBlocks, int batch) {

    public ErrorRateSimulation {
        if (minErrors < 1 || maxBlocks < 1 || batch < 1) {
            throw new IllegalArgumentException("Monte-Carlo needs minErrors, maxBlocks and batch >= 1");
        }
    }

    /** One point of a curve: Eb/N0 in dB, the noise std it gives, and the count. */
    public record Point(double ebN0Db, double sigma, ErrorCount count) {
    }

    /** Counts block errors of {@code tx} on {@code channel}; {@code progress} sees the running count per batch. */
    public ErrorCount run(Transceiver tx, Channel channel, NDManager manager, NoiseSource noise, Consumer<ErrorCount> progress) {
        ErrorCount count = new ErrorCount(0, 0);
        for (long k = 0; count.errors() < minErrors && count.trials() < maxBlocks; k++) {
            int b = (int) Math.min(batch, maxBlocks - count.trials());
            NoiseSource ns = noise.fork(k);
            int[] msg = ns.ints(b, 0, tx.messages() - 1);
            long errors = 0;
            try (NDManager sm = manager.newSubManager()) {
                NDArray y = channel.transmit(tx.encode(msg, sm), ns);
                int[] decided = tx.decode(y);
                for (int i = 0; i < b; i++) {
                    errors += decided[i] == msg[i] ? 0 : 1;
                }
            }
            count = count.plus(errors, b);
            progress.accept(count);
        }
        return count;
    }

    /** The error-rate curve of {@code tx} on the channel {@code channelAt(σ)} over the given Eb/N0 values (dB). */
    public List<Point> curve(Transceiver tx, java.util.function.DoubleFunction<Channel> channelAt, double[] ebN0Db, NDManager manager,
                             NoiseSource noise, Consumer<ErrorCount> progress) {
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < ebN0Db.length; i++) {
            double sigma = PowerConvention.noiseStd(ebN0Db[i], tx.messages(), tx.n());
            out.add(new Point(ebN0Db[i], sigma, run(tx, channelAt.apply(sigma), manager, noise.fork(i), progress)));
        }
        return out;
    }
}
