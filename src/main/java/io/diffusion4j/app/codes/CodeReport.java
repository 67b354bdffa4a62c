package io.diffusion4j.app.codes;

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
 * The files of a decoding run: ber.csv (one row per decoder and Eb/N0), ber.json (the code's facts and the same
 * rows: decoder, ebn0_db, ber, bler, bit_errors, block_errors, blocks, 95 % Wilson intervals, −ln(BER) and
 * codewords/s) and ber.png (BER against Eb/N0, log scale), each written atomically.
 */
public final class CodeReport {
    private CodeReport() {
    }

    /** The JSON document: the facts and one row per point. */
    public static Map<String, Object> json(Map<String, Object> facts, List<CodeBerSimulation.Point> points) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CodeBerSimulation.Point p : points) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("decoder", p.decoder());
            r.put("ebn0_db", p.ebN0Db());
            r.put("ber", p.bits().rate());
            r.put("ber_ci95", new double[] {p.bits().lower(), p.bits().upper()});
            r.put("bler", p.blocks().rate());
            r.put("bler_ci95", new double[] {p.blocks().lower(), p.blocks().upper()});
            r.put("bit_errors", p.bits().errors());
            r.put("bits", p.bits().trials());
            r.put("block_errors", p.blocks().errors());
            r.put("blocks", p.blocks().trials());
            r.put("neg_ln_ber", -Math.log(p.bits().rate()));
            r.put("codewords_per_s", p.throughput());
            rows.add(r);
        }
        Map<String, Object> doc = new LinkedHashMap<>(facts);
        doc.put("points", rows);
        return doc;
    }

    /** Writes ber.csv, ber.json and ber.png into {@code dir}. */
    public static void write(Path dir, String title, Map<String, Object> facts, List<CodeBerSimulation.Point> points) throws IOException {
        try (Writer csv = AtomicFiles.newWriter(dir.resolve("ber.csv"))) {
            csv.write("decoder,ebn0_db,bit_errors,bits,ber,ber_ci95_low,ber_ci95_high,block_errors,blocks,bler,bler_ci95_low,bler_ci95_high,"
                    + "neg_ln_ber,codewords_per_s\n");
            for (CodeBerSimulation.Point p : points) {
                csv.write(String.format(Locale.ROOT, "%s,%.3f,%d,%d,%.6e,%.6e,%.6e,%d,%d,%.6e,%.6e,%.6e,%.4f,%.1f%n", p.decoder(), p.ebN0Db(),
                        p.bits().errors(), p.bits().trials(), p.bits().rate(), p.bits().lower(), p.bits().upper(),
                        p.blocks().errors(), p.blocks().trials(), p.blocks().rate(), p.blocks().lower(), p.blocks().upper(),
                        -Math.log(p.bits().rate()), p.throughput()));
            }
        }
        AtomicFiles.writeString(dir.resolve("ber.json"), Reports.toPrettyJson(json(facts, points)));
        Map<String, List<CodeBerSimulation.Point>> byDecoder = new LinkedHashMap<>();
        for (CodeBerSimulation.Point p : points) {
            if (p.bits().errors() > 0) {
                byDecoder.computeIfAbsent(p.decoder(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Plots.Series> series = new ArrayList<>();
        byDecoder.forEach((d, ps) -> series.add(new Plots.Series(d, ps.stream().mapToDouble(CodeBerSimulation.Point::ebN0Db).toArray(),
                ps.stream().mapToDouble(p -> p.bits().rate()).toArray())));
        if (!series.isEmpty()) {
            Plots.lines(dir.resolve("ber.png"), title, "Eb/N0 (dB)", "bit error rate", series, true, false);
        }
    }

    /** One line of the human-readable table. */
    public static String line(CodeBerSimulation.Point p) {
        return String.format(Locale.ROOT, "%-6s %5.2f dB  BER %.3e [%.3e, %.3e]  -ln(BER) %6.3f  BLER %.3e  (%d bit errors, %d/%d blocks)  %.0f cw/s",
                p.decoder(), p.ebN0Db(), p.bits().rate(), p.bits().lower(), p.bits().upper(), -Math.log(p.bits().rate()),
                p.blocks().rate(), p.bits().errors(), p.blocks().errors(), p.blocks().trials(), p.throughput());
    }
}
