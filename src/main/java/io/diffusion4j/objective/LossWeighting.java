package io.diffusion4j.objective;

import io.diffusion4j.naming.Names;
import io.diffusion4j.param.Parametrization;
import io.diffusion4j.schedule.NoiseLevel;


/**
 * A loss weighting, stated as the weight w(t) on the x₀ error ‖x̂₀ − x₀‖² so that weightings are comparable across
 * parametrizations (Hang et al. 2023, §3.1 and Table 1). The loss the network sees is the MSE in its own
 * parametrization times w(t)/c(t), with c(t) from {@link Parametrization#x0ErrorScale}.
 */
public interface LossWeighting {

    /** w(t) on the x₀ error at this level, for a network with parametrization p. */
    double x0Weight(NoiseLevel level, Parametrization p);

    /** The CLI name: none, snr, truncated-snr, snr+1, min-snr-γ. */
    String id();

    /** The factor on the parametrization-space MSE: w(t)/c(t). */
    default double factor(NoiseLevel level, Parametrization p) {
        double c = p.x0ErrorScale(level.alpha(), level.sigma());
        return c == 0 ? 1 : x0Weight(level, p) / c;
    }

    /** L_simple: the plain MSE in the network's parametrization (w = c). */
    LossWeighting NONE = new Named("none") {
        @Override
        public double x0Weight(NoiseLevel level, Parametrization p) {
            return p.x0ErrorScale(level.alpha(), level.sigma());
        }
    };

    /** w = SNR(t): ε-MSE whatever the parametrization. */
    LossWeighting SNR = new Named("snr") {
        @Override
        public double x0Weight(NoiseLevel level, Parametrization p) {
            return level.snr();
        }
    };

    /** w = max(SNR(t), 1) (Salimans &amp; Ho 2022, "truncated SNR"). */
    LossWeighting TRUNCATED_SNR = new Named("truncated-snr") {
        @Override
        public double x0Weight(NoiseLevel level, Parametrization p) {
            return Math.max(level.snr(), 1);
        }
    };

    /** w = SNR(t) + 1 (Salimans &amp; Ho 2022, "SNR+1"): v-MSE whatever the parametrization. */
    LossWeighting SNR_PLUS_ONE = new Named("snr+1") {
        @Override
        public double x0Weight(NoiseLevel level, Parametrization p) {
            return level.snr() + 1;
        }
    };

    /** w = min(SNR(t), γ) (Hang et al. 2023, eq. 7). */
    static LossWeighting minSnr(double gamma) {
        if (!(gamma > 0)) {
            throw new IllegalArgumentException("min-SNR γ must be > 0, got " + gamma);
        }
        return new Named("min-snr-" + (gamma == Math.rint(gamma) ? String.valueOf((long) gamma) : String.valueOf(gamma))) {
            @Override
            public double x0Weight(NoiseLevel level, Parametrization p) {
                return Math.min(level.snr(), gamma);
            }
        };
    }

    /** A weighting by its id (also "simple" for none; case and _/- ignored); a one-line error listing every id otherwise. */
    static LossWeighting parse(String s) {
        String k = Names.key(s);
        switch (k) {
            case "none", "simple":
                return NONE;
            case "snr":
                return SNR;
            case "truncated-snr":
                return TRUNCATED_SNR;
            case "snr+1":
                return SNR_PLUS_ONE;
            default:
                if (k.startsWith("min-snr-")) {
                    try {
                        return minSnr(Double.parseDouble(k.substring("min-snr-".length())));
                    } catch (NumberFormatException e) {
                        // fall through to the error below
                    }
                }
                throw Names.unknown("weighting", s, java.util.List.of("none", "snr", "truncated-snr", "snr+1", "min-snr-<γ>"),
                        java.util.List.of("simple"));
        }
    }

    /** Base for the named weightings. */
    abstract class Named implements LossWeighting {
        private final String id;

        Named(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
