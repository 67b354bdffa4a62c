package io.diffusion4j.app.codes;

/**
 * The diffusion of DDECC (Choukroun &amp; Wolf, "Denoising Diffusion Error Correction Codes", ICLR 2023, §4.1–4.3):
 * the forward process adds channel noise step by step, y_t = x + √β̄_t·ε with a constant β_t = β and
 * β̄_t = β·(t + 1), so a received word at noise level σ sits at the step where β̄_t = σ². The reverse process does
 * not know t: it takes the syndrome weight e(y) = Σ_j s_j as the step, estimates the additive noise from the
 * network's multiplicative-noise logits, ε̂ = y − x̂ with x̂_i = sign(y_i) flipped where the logit is positive, and
 * steps y ← y − λ·c_t·ε̂ with the posterior-mean factor c_t = √β̄_t·β_t / (β̄_t + β_t); λ is
 * chosen by a line search over {1, …, {@code lineSearch}} as the one whose hard decision has the smallest syndrome
 * weight. Words whose syndrome is already zero are left as they are.
 *
 * @param beta       the constant β of the schedule (0.01 in the authors' setting)
 * @param lineSearch the largest step multiplier λ tried (20 in the authors' setting)
 */
public record DdeccProcess(double beta, int lineSearch) {
    public static final DdeccProcess PAPER = new DdeccProcess(0.01, 20);

    public DdeccProcess {
        if (!(beta > 0) || lineSearch < 1) {
            throw new IllegalArgumentException("DDECC needs beta > 0 and a line search over >= 1 step sizes");
        }
    }

    /** β̄_t = β·(t + 1). */
    public double betaBar(int t) {
        return beta * (t + 1);
    }

    /** The reverse step's factor c_t = √β̄_t·β / (β̄_t + β). */
    public double factor(int t) {
        double bb = betaBar(t);
        return Math.sqrt(bb) * beta / (bb + beta);
    }

    /**
     * One reverse step of one word in place: {@code y} (n values), {@code logits} of the sign flips, its syndrome
     * weight t > 0; returns the syndrome weight after the step.
     */
    public int step(LinearCode code, float[] y, float[] logits, int t) {
        int n = y.length;
        float[] eps = new float[n];
        for (int i = 0; i < n; i++) {
            float sign = y[i] < 0 ? -1f : 1f;
            float xHat = logits[i] > 0 ? -sign : sign;
            eps[i] = y[i] - xHat;
        }
        double c = factor(t);
        int best = Integer.MAX_VALUE;
        double bestLambda = 1;
        int[] bits = new int[n];
        for (int lambda = 1; lambda <= lineSearch; lambda++) {
            for (int i = 0; i < n; i++) {
                bits[i] = y[i] - lambda * c * eps[i] < 0 ? 1 : 0;
            }
            int w = Long.bitCount(code.syndrome(bits));
            if (w < best) {
                best = w;
                bestLambda = lambda;
            }
        }
        for (int i = 0; i < n; i++) {
            y[i] = (float) (y[i] - bestLambda * c * eps[i]);
        }
        return best;
    }
}
