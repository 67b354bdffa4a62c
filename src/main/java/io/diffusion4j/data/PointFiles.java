package io.diffusion4j.data;

import io.diffusion4j.io.Npy;
import io.diffusion4j.io.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** User point data: an N×d float array in a NumPy .npy file, or a CSV file of N rows and d numeric columns. */
public final class PointFiles {
    private PointFiles() {
    }

    /** The points of a .npy or .csv file; NaN or infinite values are refused, naming the first one. */
    public static Points read(Path file) {
        return finite(file, readAny(file));
    }

    private static Points finite(Path file, Points p) {
        long bad = Npy.firstNonFinite(p.values());
        if (bad >= 0) {
            throw new IllegalArgumentException(file + " holds " + p.values()[(int) bad] + " at index " + bad + " (row "
                    + bad / p.d() + ", column " + bad % p.d() + "); training data must be finite: drop or replace such rows");
        }
        return p;
    }

    private static Points readAny(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("data file " + file + " not found; give a toy name (" + ToyData.names() + ") or an N×d .npy/.csv file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".npy")) {
                Tensor t = Npy.read(file);
                long[] s = t.shape();
                if (s.length != 2 || s[0] < 1 || s[1] < 1) {
                    throw new IllegalArgumentException(file + " has shape " + java.util.Arrays.toString(s) + "; expected a 2-D N×d array of points");
                }
                return new Points((int) s[0], (int) s[1], t.data());
            }
            if (name.endsWith(".csv")) {
                return readCsv(file);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(String.valueOf(e.getMessage()).contains(file.toString())
                    ? e.getMessage() : "cannot read " + file + ": " + e.getMessage());
        }
        throw new IllegalArgumentException("unknown data file type " + file + "; use .npy or .csv");
    }

    private static Points readCsv(Path file) throws IOException {
        List<float[]> rows = new ArrayList<>();
        int d = -1;
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String l = line.trim();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("[,;\\s]+");
            float[] r = new float[parts.length];
            try {
                for (int j = 0; j < parts.length; j++) {
                    r[j] = Float.parseFloat(parts[j]);
                }
            } catch (NumberFormatException e) {
                if (rows.isEmpty() && d < 0) {
                    d = -2; // a header line
                    continue;
                }
                throw new IllegalArgumentException(file + " line " + lineNo + " is not numeric; the CSV must hold N rows of d numbers");
            }
            if (d >= 0 && r.length != d) {
                throw new IllegalArgumentException(file + " line " + lineNo + " has " + r.length + " columns, expected " + d);
            }
            d = r.length;
            rows.add(r);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no data rows");
        }
        float[] v = new float[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, v, i * d, d);
        }
        return new Points(rows.size(), d, v);
    }
}
