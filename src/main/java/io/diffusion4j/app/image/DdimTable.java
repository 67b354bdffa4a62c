package io.diffusion4j.app.image;

import com.google.gson.annotations.SerializedName;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.metrics.PairedBootstrap;
import io.diffusion4j.noise.NoiseSource;
import io.diffusion4j.param.ReverseVariance;
import io.diffusion4j.sampler.DdimSampler;
import io.diffusion4j.sampler.SamplerSpec;
import io.diffusion4j.sampler.StepListener;
import io.diffusion4j.schedule.Schedule;
import io.diffusion4j.schedule.Spacing;
import io.diffusion4j.schedule.TimeGrid;
import io.diffusion4j.sde.DiscreteTimeDenoiser;
import io.diffusion4j.sde.Sde;
import io.diffusion4j.sde.VpSde;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The DDIM table (Song, Meng &amp; Ermon 2021, Table 1) at small scale: FID-FMNIST of n samples for every pair of
 * step count S (uniform sub-sequence of 1..T) and η. Every cell starts from the same x_T and labels (common random
 * numbers), so differences between cells are the sampler's, not the draw's. The paper's shape: at few steps η = 0
 * is best and η = 1 worst; the gap closes as S grows. Each cell carries a bootstrap standard error over its n samples
 * and each row the paired bootstrap standard error of every η's difference from the row's first η
 * ({@link PairedBootstrap}; the same resampled indices in every cell, since sample i of every cell shares x_T and
 * label), so an ordering can be told from noise.
 */
public final class DdimTable {
    private DdimTable() {
    }

    /** The default number of bootstrap replicates behind the standard errors ({@code d4j eval --bootstrap}). */
    public static final int DEFAULT_RESAMPLES = 100;

    /** Checks a resample count: 0 (no standard errors) or at least 2, since one replicate has no spread. */
    public static void requireResamples(int resamples) {
        if (resamples < 0 || resamples == 1) {
            throw new IllegalArgumentException("--bootstrap (resamples behind the standard errors) must be 0 for none"
                    + " or at least 2, got " + resamples);
        }
    }

    /**
     * One column of the table: DDIM at η on the schedule's uniform sub-sequence, or another sampler (e.g. dpmpp-2m)
     * on its own grid over the VP SDE, the discrete model read on continuous time (as {@code d4j sample} does).
     */
    public record Column(String sampler, double eta) {
        public Column {
            sampler = SamplerSpec.canonical(sampler);
            if (!sampler.equals("ddim") && eta != 0) {
                throw new IllegalArgumentException("--eta applies to ddim only, not " + sampler);
            }
            if (sampler.equals("ode-rk45")) {
                throw new IllegalArgumentException("the table compares fixed step counts; ode-rk45 picks its own");
            }
        }

        public static Column ddim(double eta) {
            return new Column("ddim", eta);
        }

        /** ddim η = 0.5, or the sampler's name. */
        public String label() {
            return sampler.equals("ddim") ? String.format(Locale.ROOT, "ddim η = %.1f", eta) : sampler;
        }
    }

    /**
     * One cell: S steps, the column (key {@code sampler}), η, the FID, its bootstrap standard error (NaN until the
     * table is done, null without resamples, when the JSON leaves it out) and the sampling time.
     */
    public record Cell(int steps, @SerializedName("sampler") String column, double eta,
                       @SerializedName("fid_fmnist") double fid, @SerializedName("fid_fmnist_se") Double se,
                       double seconds) {
    }

    /**
     * Within row S: FID(column) − FID(the row's first column, at {@code baseEta}) and the paired bootstrap standard
     * error of that difference.
     */
    public record Contrast(int steps, double eta, @SerializedName("minus_eta") double baseEta, String column,
                           @SerializedName("minus_column") String baseColumn, double difference, double se) {
    }

    /**
     * The table with the floor and baselines at the same n ({@link FidFmnist.Report}); {@code resamples} = 0 means no
     * standard errors and no paired differences ({@code contrasts} is then null and left out of the JSON). The
     * JSON ({@link io.diffusion4j.io.Reports}): n, guidance, bootstrap_resamples, cells, paired_differences,
     * fid_floor, fid_gaussian, fid_noise.
     */
    public record Table(int n, double guidance, @SerializedName("bootstrap_resamples") int resamples, List<Cell> cells,
                        @SerializedName("paired_differences") List<Contrast> contrasts, double fidFloor,
                        double fidGaussian, double fidNoise) {

        public Table {
            cells = List.copyOf(cells);
            contrasts = resamples > 0 ? List.copyOf(contrasts) : null;
        }

        /** The table of {@code cells} with the floor and baselines of {@code reference}. */
        public static Table of(int n, double guidance, int resamples, List<Cell> cells, List<Contrast> contrasts,
                               FidFmnist.Report reference) {
            return new Table(n, guidance, resamples, cells, contrasts, reference.floor(), reference.gaussian(),
                    reference.noise());
        }

        /** Rows S, columns η, as a Markdown table, followed by the floor and the Gaussian baseline. */
        public String markdown() {
            List<String> columns = cells.stream().map(Cell::column).distinct().toList();
            List<Integer> steps = cells.stream().map(Cell::steps).distinct().toList();
            StringBuilder s = new StringBuilder("| S \\ sampler |");
            columns.forEach(c -> s.append(' ').append(c).append(" |"));
            s.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
            for (int st : steps) {
                s.append("| ").append(st).append(" |");
                for (String col : columns) {
                    cells.stream().filter(c -> c.steps() == st && c.column().equals(col)).findFirst()
                            .ifPresent(c -> s.append(resamples > 0 ? String.format(Locale.ROOT, " %.3f ± %.3f |", c.fid(), c.se())
                                    : String.format(Locale.ROOT, " %.2f |", c.fid())));
                }
                s.append('\n');
            }
            s.append(String.format(Locale.ROOT, "%nFID-FMNIST at n = %d; floor (real test images) %.2f, gaussian baseline %.2f.%n",
                    n, fidFloor, fidGaussian));
            if (resamples > 0) {
                s.append(String.format(Locale.ROOT, "± is the bootstrap standard error (%d resamples of the n samples);"
                        + " paired differences within each row, ± their paired bootstrap standard error:%n", resamples));
                for (Contrast c : contrasts) {
                    s.append(String.format(Locale.ROOT, "- S = %d: FID(%s) − FID(%s) = %+.3f ± %.3f%n",
                            c.steps(), c.column(), c.baseColumn(), c.difference(), c.se()));
                }
            }
            return s.toString();
        }
    }

    /**
     * Samples n images (labels i mod K for a class-conditional model) per cell and measures FID-FMNIST, with
     * {@code resamples} bootstrap replicates behind the standard errors (0 for none); {@code progress} hears each
     * finished cell (its standard error is NaN until the whole table is done).
     */
    public static Table evaluate(ConditionalSampling sampling, Schedule schedule, int[] steps, double[] etas, int n,
                                 int classes, FidFmnist fid, NoiseSource noise, int resamples, Consumer<Cell> progress) {
        return evaluate(sampling, schedule, steps, java.util.Arrays.stream(etas).mapToObj(Column::ddim).toList(), n,
                classes, fid, noise, resamples, progress);
    }

    /** As above with any columns: DDIM at several η and other samplers side by side, on the same x_T and labels. */
    public static Table evaluate(ConditionalSampling sampling, Schedule schedule, int[] steps, List<Column> columns, int n,
                                 int classes, FidFmnist fid, NoiseSource noise, int resamples, Consumer<Cell> progress) {
        return evaluate(sampling, schedule, steps, columns, n, classes, fid, Spacing.UNIFORM, noise, resamples, progress);
    }

    /** As above with the DDIM columns on {@code spacing}'s grid (trailing for a distilled student). */
    public static Table evaluate(ConditionalSampling sampling, Schedule schedule, int[] steps, List<Column> columns, int n,
                                 int classes, FidFmnist fid, Spacing spacing, NoiseSource noise, int resamples,
                                 Consumer<Cell> progress) {
        if (n < 2) {
            throw new IllegalArgumentException("the DDIM table needs --n >= 2 samples per cell");
        }
        requireResamples(resamples);
        int[] labels = null;
        if (classes > 0) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % classes;
            }
        }
        List<Cell> cells = new ArrayList<>();
        List<Points> features = new ArrayList<>();
        ImageSet last = null;
        for (int s : steps) {
            for (Column col : columns) {
                long t0 = System.nanoTime();
                if (col.sampler().equals("ddim")) {
                    last = sampling.sample(labels, n, new DdimSampler(col.eta()), TimeGrid.of(schedule, s, spacing),
                            noise.fork(0), 100);
                } else {
                    SamplerSpec spec = SamplerSpec.of(col.sampler(), s);
                    Sde vp = VpSde.standard();
                    last = sampling.sample(labels, n, spec.build(vp, ReverseVariance.FIXED_SMALL), spec.grid(vp), noise.fork(0),
                            100, StepListener.NONE, d -> new DiscreteTimeDenoiser(d, schedule));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Points f = fid.features(last);
                features.add(f);
                Cell c = new Cell(s, col.label(), col.eta(), fid.fid(f), resamples > 0 ? Double.NaN : null, seconds);
                cells.add(c);
                progress.accept(c);
            }
        }
        List<Contrast> contrasts = new ArrayList<>();
        if (resamples > 0) {
            PairedBootstrap boot = PairedBootstrap.of(features, fid::fid, resamples, noise.fork(2));
            for (int i = 0; i < cells.size(); i++) {
                Cell c = cells.get(i);
                cells.set(i, new Cell(c.steps(), c.column(), c.eta(), c.fid(), boot.standardError(i), c.seconds()));
                int base = i - i % columns.size(); // the row's first column
                if (i != base) {
                    contrasts.add(new Contrast(c.steps(), c.eta(), columns.get(0).eta(), c.column(),
                            cells.get(base).column(), c.fid() - cells.get(base).fid(), boot.differenceStandardError(i, base)));
                }
            }
        }
        return Table.of(n, sampling.cfg(), resamples, cells, contrasts, fid.report(last, noise.fork(1)));
    }
}
