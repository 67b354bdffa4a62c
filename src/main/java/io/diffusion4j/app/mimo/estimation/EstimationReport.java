package io.diffusion4j.app.mimo.estimation;

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
 * The files of a channel-estimation study, each written atomically: nmse.csv and nmse.png (NMSE in dB against pilot
 * SNR, a line per estimator and pilot count), estimate.json (the facts, the NMSE rows and, with detection, the SER rows
 * with 95 % Wilson intervals) and, with detection, ser.csv.
 */
public final class EstimationReport {
    private EstimationReport() {
    }

    public static Map<String, Object> json(Map<String, Object> facts, List<EstimationStudy.Result> results) {
        List<Map<String, Object>> nmse = new ArrayList<>();
        List<Map<String, Object>> ser = new ArrayList<>();
        for (EstimationStudy.Result r : results) {
            for (EstimationStudy.Nmse n : r.nmse()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("estimator", n.estimator());
                m.put("pilots", n.pilots());
                m.put("snr_db", n.snrDb());
                m.put("nmse", n.mean());
                m.put("nmse_se", n.standardError());
                m.put("nmse_db", n.db());
                m.put("nmse_db_se", n.dbError());
                m.put("channels", n.soundings());
                nmse.add(m);
            }
            for (EstimationStudy.Ser s : r.ser()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("estimator", s.estimator());
                m.put("detector", s.detector());
                m.put("pilots", s.pilots());
                m.put("snr_db", s.snrDb());
                m.put("ser", s.symbols().rate());
                m.put("errors", s.symbols().errors());
                m.put("symbols", s.symbols().trials());
                m.put("ser_ci95", new double[] {s.symbols().lower(), s.symbols().upper()});
                m.put("ber", s.bits().rate());
                m.put("ber_ci95", new double[] {s.bits().lower(), s.bits().upper()});
                ser.add(m);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>(facts);
        doc.put("nmse", nmse);
        if (!ser.isEmpty()) {
            doc.put("ser", ser);
        }
        return doc;
    }

    public static void write(Path dir, String title, Map<String, Object> facts, List<EstimationStudy.Result> results) throws IOException {
        Map<String, List<EstimationStudy.Nmse>> lines = new LinkedHashMap<>();
        try (Writer csv = AtomicFiles.newWriter(dir.resolve("nmse.csv"))) {
            csv.write("estimator,pilots,snr_db,channels,nmse,nmse_se,nmse_db,nmse_db_se\n");
            for (EstimationStudy.Result r : results) {
                for (EstimationStudy.Nmse n : r.nmse()) {
                    csv.write(String.format(Locale.ROOT, "%s,%d,%.3f,%d,%.6e,%.6e,%.4f,%.4f%n", n.estimator(), n.pilots(), n.snrDb(),
                            n.soundings(), n.mean(), n.standardError(), n.db(), n.dbError()));
                    lines.computeIfAbsent(n.estimator() + " P=" + n.pilots(), k -> new ArrayList<>()).add(n);
                }
            }
        }
        boolean detected = results.stream().anyMatch(r -> !r.ser().isEmpty());
        if (detected) {
            try (Writer csv = AtomicFiles.newWriter(dir.resolve("ser.csv"))) {
                csv.write("estimator,detector,pilots,snr_db,symbol_errors,symbols,ser,ser_ci95_low,ser_ci95_high\n");
                for (EstimationStudy.Result r : results) {
                    for (EstimationStudy.Ser s : r.ser()) {
                        csv.write(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%d,%d,%.6e,%.6e,%.6e%n", s.estimator(), s.detector(), s.pilots(),
                                s.snrDb(), s.symbols().errors(), s.symbols().trials(), s.symbols().rate(), s.symbols().lower(), s.symbols().upper()));
                    }
                }
            }
        }
        AtomicFiles.writeString(dir.resolve("estimate.json"), Reports.toPrettyJson(json(facts, results)));
        List<Plots.Series> series = new ArrayList<>();
        lines.forEach((name, ns) -> series.add(new Plots.Series(name, ns.stream().mapToDouble(EstimationStudy.Nmse::snrDb).toArray(),
                ns.stream().mapToDouble(EstimationStudy.Nmse::db).toArray())));
        Plots.lines(dir.resolve("nmse.png"), title, "pilot SNR per receive antenna (dB)", "NMSE (dB)", series, false, false);
    }

    public static String line(EstimationStudy.Nmse n) {
        return String.format(Locale.ROOT, "%-9s P=%-3d %6.2f dB  NMSE %7.2f dB ± %.2f  (%d channels)", n.estimator(), n.pilots(), n.snrDb(),
                n.db(), n.dbError(), n.soundings());
    }

    public static String line(EstimationStudy.Ser s) {
        return String.format(Locale.ROOT, "%-9s %-6s P=%-3d %6.2f dB  SER %.3e [%.3e, %.3e]  (%d errors / %d symbols)", s.estimator(),
                s.detector(), s.pilots(), s.snrDb(), s.symbols().rate(), s.symbols().lower(), s.symbols().upper(), s.symbols().errors(),
                s.symbols().trials());
    }
}
