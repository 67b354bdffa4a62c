package io.diffusion4j.app.image;

import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.sampler.Spacing;
import io.diffusion4j.sampler.TimeGrid;
import io.diffusion4j.schedule.Schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The DDIM table (Song, Meng &amp; Ermon 2021, Table 1) at small scale: FID-FMNIST of n samples for every pair of
 * step count S (uniform sub-sequence of 1..T) and η. Every cell starts from the same x_T and labels (common random
 * numbers), so differences between cells are the sampler's, not the draw's. The paper's shape: at few steps η = 0
 * is best and η = 1 worst; the gap closes as S grows.
 */
public final class DdimTable {
    private DdimTable() {
    }

    /** One cell: S steps, η, the FID and the sampling time. */
    public record Cell(int steps, double eta, double fid, double seconds) {
    }

    /** The table with the floor and baselines at the same n. */
    public record Table(int n, double guidance, List<Cell> cells, FidFmnist.Report reference) {

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", n);
            m.put("guidance", guidance);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Cell c : cells) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("steps", c.steps());
                r.put("eta", c.eta());
                r.put("fid_fmnist", c.fid());
                r.put("seconds", c.seconds());
                rows.add(r);
            }
            m.put("cells", rows);
            m.put("fid_floor", reference.floor());
            m.put("fid_gaussian", reference.gaussian());
            return m;
        }

        /** Rows S, columns η, as a Markdown table, followed by the floor and the Gaussian baseline. */
        public String markdown() {
            List<Double> etas = cells.stream().map(Cell::eta).distinct().toList();
            List<Integer> steps = cells.stream().map(Cell::steps).distinct().toList();
            StringBuilder s = new StringBuilder("| S \\ η |");
            etas.forEach(e -> s.append(String.format(Locale.ROOT, " %.1f |", e)));
            s.append("\n|---|").append("---|".repeat(etas.size())).append('\n');
            for (int st : steps) {
                s.append("| ").append(st).append(" |");
                for (double e : etas) {
                    cells.stream().filter(c -> c.steps() == st && c.eta() == e).findFirst()
                            .ifPresent(c -> s.append(String.format(Locale.ROOT, " %.2f |", c.fid())));
                }
                s.append('\n');
            }
            s.append(String.format(Locale.ROOT, "%nFID-FMNIST at n = %d; floor (real test images) %.2f, gaussian baseline %.2f.%n",
                    n, reference.floor(), reference.gaussian()));
            return s.toString();
        }
    }

    /**
     * Samples n images (labels i mod K for a class-conditional model) per cell and measures FID-FMNIST; {@code
     * progress} hears each finished cell.
     */
    public static Table evaluate(ConditionalSampling sampling, Schedule schedule, int[] steps, double[] etas, int n,
                                 int classes, FidFmnist fid, NoiseSource noise, Consumer<Cell> progress) {
        if (n < 2) {
            throw new IllegalArgumentException("the DDIM table needs --n >= 2 samples per cell");
        }
        int[] labels = null;
        if (classes > 0) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % classes;
            }
        }
        List<Cell> cells = new ArrayList<>();
        ImageSet last = null;
        for (int s : steps) {
            TimeGrid grid = TimeGrid.of(schedule, s, Spacing.UNIFORM);
            for (double eta : etas) {
                long t0 = System.nanoTime();
                last = sampling.sample(labels, n, new DdimSampler(eta), grid, noise.fork(0), 100);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Cell c = new Cell(s, eta, fid.fid(last), seconds);
                cells.add(c);
                progress.accept(c);
            }
        }
        return new Table(n, sampling.cfg(), cells, fid.report(last, noise.fork(1)));
    }
}
