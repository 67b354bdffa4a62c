package io.diffusion4j.app.codes;

/**
 * Sum-product belief propagation on the Tanner graph of H in the log-likelihood domain (Gallager 1963; Kschischang,
 * Frey &amp; Loeliger 2001, eqs. 5–6; the LLR form of Richardson &amp; Urbanke, "Modern Coding Theory", §2.5.6):
 * check to variable m_{c→v} = 2·atanh(∏_{v'≠v} tanh(m_{v'→c}/2)), variable to check
 * m_{v→c} = L_v + Σ_{c'≠c} m_{c'→v}, posterior L_v + Σ_c m_{c→v}; at most {@code iterations} rounds, stopping early
 * once the hard decision of the posterior has a zero syndrome.
 */
public final class BeliefPropagation implements Decoder {
    private static final double CLAMP = 1 - 1e-12;
    private final LinearCode code;
    private final int iterations;
    /** Edge e joins check edgeCheck[e] and variable edgeVar[e]; checkStart[c]..checkStart[c+1] are check c's edges. */
    private final int[] edgeVar;
    private final int[] checkStart;

    public BeliefPropagation(LinearCode code, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("belief propagation needs >= 1 iteration, got " + iterations);
        }
        this.code = code;
        this.iterations = iterations;
        int[][] h = code.h();
        checkStart = new int[h.length + 1];
        int edges = 0;
        for (int[] row : h) {
            for (int v : row) {
                edges += v;
            }
        }
        edgeVar = new int[edges];
        int e = 0;
        for (int c = 0; c < h.length; c++) {
            checkStart[c] = e;
            for (int v = 0; v < h[c].length; v++) {
                if (h[c][v] == 1) {
                    edgeVar[e++] = v;
                }
            }
        }
        checkStart[h.length] = e;
    }

    @Override
    public int[] decode(float[] y, int blocks, double sigma) {
        int n = code.n();
        float[] llr = AwgnBpsk.llr(y, sigma);
        int[] out = new int[y.length];
        double[] channel = new double[n];
        for (int b = 0; b < blocks; b++) {
            for (int v = 0; v < n; v++) {
                channel[v] = llr[b * n + v];
            }
            int[] bits = decodeLlr(channel);
            System.arraycopy(bits, 0, out, b * n, n);
        }
        return out;
    }

    /** The decided bits of one block of channel LLRs. */
    public int[] decodeLlr(double[] channel) {
        int n = code.n();
        int edges = edgeVar.length;
        double[] toCheck = new double[edges];
        double[] toVar = new double[edges];
        double[] posterior = channel.clone();
        int[] bits = new int[n];
        for (int e = 0; e < edges; e++) {
            toCheck[e] = channel[edgeVar[e]];
        }
        for (int it = 0; it < iterations; it++) {
            for (int c = 0; c + 1 < checkStart.length; c++) {
                checkUpdate(checkStart[c], checkStart[c + 1], toCheck, toVar);
            }
            System.arraycopy(channel, 0, posterior, 0, n);
            for (int e = 0; e < edges; e++) {
                posterior[edgeVar[e]] += toVar[e];
            }
            for (int e = 0; e < edges; e++) {
                toCheck[e] = posterior[edgeVar[e]] - toVar[e];
            }
            for (int v = 0; v < n; v++) {
                bits[v] = posterior[v] < 0 ? 1 : 0;
            }
            if (code.syndrome(bits) == 0) {
                break;
            }
        }
        return bits;
    }

    /** The tanh rule over edges [from, to) with leave-one-out products from prefix and suffix products. */
    private static void checkUpdate(int from, int to, double[] toCheck, double[] toVar) {
        int d = to - from;
        double[] t = new double[d];
        double[] prefix = new double[d + 1];
        prefix[0] = 1;
        for (int i = 0; i < d; i++) {
            t[i] = Math.tanh(toCheck[from + i] / 2);
            prefix[i + 1] = prefix[i] * t[i];
        }
        double suffix = 1;
        for (int i = d - 1; i >= 0; i--) {
            double p = Math.max(-CLAMP, Math.min(CLAMP, prefix[i] * suffix));
            toVar[from + i] = 2 * 0.5 * Math.log((1 + p) / (1 - p));
            suffix *= t[i];
        }
    }

    @Override
    public String name() {
        return "bp";
    }
}
