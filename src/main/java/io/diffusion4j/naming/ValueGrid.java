package io.diffusion4j.naming;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of numbers as users type it: one value "5", a list "0,2,4" or an inclusive range "start:stop[:step]"
 * (step 1 when left out), at most {@code maxPoints} values; anything else is one {@link IllegalArgumentException}
 * naming the quantity (e.g. "Eb/N0", "SNR") and the accepted forms.
 */
public final class ValueGrid {
    private ValueGrid() {
    }

    /** The values of {@code s}; {@code what} names the quantity in the error line, {@code unit} its unit ("dB"). */
    public static double[] parse(String what, String unit, String s, int maxPoints) {
        try {
            if (s.contains(":")) {
                return range(what, s, maxPoints);
            }
            String[] p = s.split(",");
            if (p.length > maxPoints) {
                throw new IllegalArgumentException(what + " list has more than " + maxPoints + " points (the limit)");
            }
            double[] v = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                v[i] = number(p[i]);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a number; give " + unit + " like 5, a list 0,2,4 or a range 0:8:1");
        }
    }

    private static double[] range(String what, String s, int maxPoints) {
        String[] p = s.split(":");
        if (p.length < 2 || p.length > 3) {
            throw new NumberFormatException(s);
        }
        double a = number(p[0]);
        double b = number(p[1]);
        double step = p.length == 3 ? number(p[2]) : 1;
        if (!(step > 0) || b < a) {
            throw new IllegalArgumentException(what + " range '" + s + "' needs start <= stop and a step > 0, e.g. 0:8:1");
        }
        if ((b - a) / step + 1 > maxPoints) {
            throw new IllegalArgumentException(what + " range '" + s + "' has more than " + maxPoints + " points (the limit); use a larger step");
        }
        List<Double> v = new ArrayList<>();
        for (int i = 0; a + i * step <= b + 1e-9; i++) {
            v.add(a + i * step);
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double number(String s) {
        double d = Double.parseDouble(s.trim());
        if (!Double.isFinite(d)) {
            throw new NumberFormatException(s);
        }
        return d;
    }
}
