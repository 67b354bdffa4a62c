package io.diffusion4j.app.mimo;

/**
 * Square M-QAM with Gray bits, unit average energy: the real and the imaginary part are each √M-PAM with amplitudes
 * (2i − √M + 1)·d, i = 0…√M−1, d = √(3 / (2(M − 1))) so that E|s|² = 1, and level i carries the Gray code i ⊕ (i ≫ 1)
 * on log₂√M bits (so neighbouring levels, and neighbouring points of the square, differ in one bit).
 *
 * @param order M: 4, 16 or 64 (any even power of two)
 */
public record Qam(int order) {

    public Qam {
        int side = (int) Math.round(Math.sqrt(order));
        if (order < 4 || side * side != order || Integer.bitCount(side) != 1) {
            throw new IllegalArgumentException("QAM order must be a square power of two such as 4, 16 or 64, got " + order);
        }
    }

    /** qpsk, 4qam, 16qam or 64qam (any square power of two as "Nqam"). */
    public static Qam parse(String s) {
        String k = s.trim().toLowerCase(java.util.Locale.ROOT).replace("-", "");
        if (k.equals("qpsk")) {
            return new Qam(4);
        }
        if (k.endsWith("qam")) {
            try {
                return new Qam(Integer.parseInt(k.substring(0, k.length() - 3)));
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("unknown modulation '" + s + "'; choose qpsk, 16qam or 64qam");
    }

    public String id() {
        return order == 4 ? "qpsk" : order + "qam";
    }

    /** √M, the PAM levels per real dimension. */
    public int side() {
        return (int) Math.round(Math.sqrt(order));
    }

    /** Bits per real dimension, log₂√M. */
    public int bitsPerRail() {
        return Integer.numberOfTrailingZeros(side());
    }

    /** Bits per complex symbol, log₂M. */
    public int bitsPerSymbol() {
        return 2 * bitsPerRail();
    }

    /** d, half the distance between neighbouring amplitudes. */
    public double spacing() {
        return Math.sqrt(3.0 / (2 * (order - 1)));
    }

    /** Amplitude of level i. */
    public double amplitude(int level) {
        return (2 * level - side() + 1) * spacing();
    }

    /** The √M amplitudes in increasing order. */
    public double[] amplitudes() {
        double[] a = new double[side()];
        for (int i = 0; i < a.length; i++) {
            a[i] = amplitude(i);
        }
        return a;
    }

    /** The nearest level to a real value (the per-dimension hard decision). */
    public int slice(double x) {
        long i = Math.round((x / spacing() + side() - 1) / 2);
        return (int) Math.max(0, Math.min(side() - 1, i));
    }

    /** Hard decisions of a whole real-valued vector. */
    public int[] slice(double[] x) {
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = slice(x[i]);
        }
        return out;
    }

    /** The amplitudes of a vector of levels. */
    public double[] amplitudes(int[] levels) {
        double[] x = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            x[i] = amplitude(levels[i]);
        }
        return x;
    }

    /** Gray code of level i. */
    public static int gray(int level) {
        return level ^ (level >> 1);
    }

    /** Bits that differ between the Gray labels of two levels. */
    public static int bitErrors(int a, int b) {
        return Integer.bitCount(gray(a) ^ gray(b));
    }
}
