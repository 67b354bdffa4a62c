package io.diffusion4j.model;

import java.util.Locale;

/**
 * How x̂₀ is clipped while sampling ({@code --clip-x0}): {@code auto} (the range a model's data can take, given by
 * the caller: [−1, 1] for images, ±1.5× the largest normalised training value for point data, none for an exact
 * oracle), {@code none}, or a fixed {@code LO,HI} in normalised units. One policy for sample, restore and the demos.
 */
public record ClipPolicy(boolean auto, double lo, double hi) {
    public static final ClipPolicy AUTO = new ClipPolicy(true, 0, 0);
    public static final ClipPolicy NONE = new ClipPolicy(false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public static ClipPolicy parse(String s) {
        String c = s.trim().toLowerCase(Locale.ROOT);
        if (c.equals("auto")) {
            return AUTO;
        }
        if (c.equals("none")) {
            return NONE;
        }
        String[] p = c.split(",");
        try {
            if (p.length == 2) {
                double lo = Double.parseDouble(p[0]);
                double hi = Double.parseDouble(p[1]);
                if (lo < hi) {
                    return new ClipPolicy(false, lo, hi);
                }
            }
        } catch (NumberFormatException e) {
            // the message below names the forms
        }
        throw new IllegalArgumentException("--clip-x0 takes auto, none or LO,HI with LO < HI, got '" + s + "'");
    }

    /**
     * {@code model} with x̂₀ clipped by this policy; {@code autoBound} is the half-width of the auto range around 0
     * (0 or less: auto clips nothing, as for an exact oracle).
     */
    public Denoiser apply(Denoiser model, double autoBound) {
        if (auto) {
            return autoBound > 0 ? new ClippedDenoiser(model, -autoBound, autoBound) : model;
        }
        return Double.isInfinite(lo) && Double.isInfinite(hi) ? model : new ClippedDenoiser(model, lo, hi);
    }
}
