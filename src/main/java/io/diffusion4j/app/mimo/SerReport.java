package io.diffusion4j.app.mimo;

import io.diffusion4j.io.AtomicFiles;
import io.diffusion4j.io.Reports;
import io.diffusion4j.plot.Plots;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of an error-rate run: ser.csv (one row per detector and SNR), ser.json (the system and the same rows:
 * detector, snr_db, ser, ber, errors, symbols, 95 % Wilson intervals) and ser.png (SER against SNR, log scale),
 * each written atomically.
 */
public final class SerReport {
    private SerReport() {
    }

    /** The JSON document: the system's facts and one row per point. */
    public static Map<String, Object> json(Map<String, Object> facts, List<SerSimulation.Point> points) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SerSimulation.Point p : points) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("detector", p.detector());
            r.put("snr_db", p.snrDb());
            r.put("ser", p.symbols().rate());
            r.put("ber", p.bits().rate());
            r.put("errors", p.symbols().errors());
            r.put("symbols", p.symbols().trials());
            r.put("ser_ci95", new double[] {p.symbols().lower(), p.symbols().upper()});
            r.put("bit_errors", p.bits().errors());
            r.put("bits", p.bits().trials());
            r.put("ber_ci95", new double[] {p.bits().lower(), p.bits().upper()});
            rows.add(r);
        }
        Map<String, Object> doc = new LinkedHashMap<>(facts);
        doc.put("points", rows);
        return doc;
    }

    /** Writes ser.csv, ser.json and ser.png into {@code dir}. */
    public static void write(Path dir, String title, Map<String, Object> facts, List<SerSimulation.Point> points) throws IOException {
        try (Writer csv = AtomicFiles.newWriter(dir.resolve("ser.csv"))) {
            csv.write("detector,snr_db,symbol_errors,symbols,ser,ser_ci95_low,ser_ci95_high,bit_errors,bits,ber,ber_ci95_low,ber_ci95_high\n");
            for (SerSimulation.Point p : points) {
                csv.write(String.format(Locale.ROOT, "%s,%.3f,%d,%d,%.6e,%.6e,%.6e,%d,%d,%.6e,%.6e,%.6e%n", p.detector(), p.snrDb(),
                        p.symbols().errors(), p.symbols().trials(), p.symbols().rate(), p.symbols().lower(), p.symbols().upper(),
                        p.bits().errors(), p.bits().trials(), p.bits().rate(), p.bits().lower(), p.bits().upper()));
            }
        }
        AtomicFiles.writeString(dir.resolve("ser.json"), Reports.toPrettyJson(json(facts, points)));
        Map<String, List<SerSimulation.Point>> byDetector = new LinkedHashMap<>();
        for (SerSimulation.Point p : points) {
            byDetector.computeIfAbsent(p.detector(), k -> new ArrayList<>()).add(p);
        }
        List<Plots.Series> series = new ArrayList<>();
        byDetector.forEach((d, ps) -> {
            List<SerSimulation.Point> seen = ps.stream().filter(p -> p.symbols().errors() > 0).toList();
            if (!seen.isEmpty()) {
                series.add(new Plots.Series(d, seen.stream().mapToDouble(SerSimulation.Point::snrDb).toArray(),
                        seen.stream().mapToDouble(p -> p.symbols().rate()).toArray()));
            }
        });
        if (!series.isEmpty()) {
            Plots.lines(dir.resolve("ser.png"), title, "SNR per receive antenna (dB)", "symbol error rate", series, true, false);
        }
    }

    /** One line of the human-readable table. */
    public static String line(SerSimulation.Point p) {
        return String.format(Locale.ROOT, "%-7s %6.2f dB  SER %.3e [%.3e, %.3e]  BER %.3e  (%d errors / %d symbols)", p.detector(), p.snrDb(),
                p.symbols().rate(), p.symbols().lower(), p.symbols().upper(), p.bits().rate(), p.symbols().errors(), p.symbols().trials());
    }
}
