package io.diffusion4j.app.codes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Hard-decision bounded-distance syndrome decoding (Lin &amp; Costello §3.5, standard array): sign slicing, then the
 * syndrome looks up its coset leader among the error patterns of weight <= t (weight order, so each syndrome keeps
 * a lightest pattern) and that pattern is flipped. A syndrome no pattern of weight <= t has is a decoding failure:
 * the sliced bits are returned as they are.
 */
public final class SyndromeDecoder implements Decoder {
    private final LinearCode code;
    private final Map<Long, int[]> leaders = new HashMap<>();

    public SyndromeDecoder(LinearCode code) {
        this.code = code;
        leaders.put(0L, new int[0]);
        for (int w = 1; w <= code.t(); w++) {
            addPatterns(new int[w], 0, 0);
        }
    }

    private void addPatterns(int[] positions, int depth, int from) {
        if (depth == positions.length) {
            int[] e = new int[code.n()];
            for (int p : positions) {
                e[p] = 1;
            }
            leaders.putIfAbsent(code.syndrome(e), positions.clone());
            return;
        }
        for (int p = from; p < code.n(); p++) {
            positions[depth] = p;
            addPatterns(positions, depth + 1, p + 1);
        }
    }

    @Override
    public int[] decode(float[] y, int blocks, double sigma) {
        int n = code.n();
        int[] bits = Decoder.slice(y);
        for (int b = 0; b < blocks; b++) {
            int[] word = Arrays.copyOfRange(bits, b * n, (b + 1) * n);
            int[] flip = leaders.get(code.syndrome(word));
            if (flip != null) {
                for (int p : flip) {
                    bits[b * n + p] ^= 1;
                }
            }
        }
        return bits;
    }

    @Override
    public String name() {
        return "hard";
    }
}
