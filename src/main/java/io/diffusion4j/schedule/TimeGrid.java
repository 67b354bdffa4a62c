package io.diffusion4j.schedule;


import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The noise levels a sampler visits, in sampling order: from the noisiest level to {@link NoiseLevel#DATA}. A value;
 * skipping steps means building another grid, never another sampler. Built from a discrete schedule and a
 * {@link Spacing}, or (score SDEs) from any list of levels.
 */
public final class TimeGrid {
    private final List<NoiseLevel> levels;

    private TimeGrid(List<NoiseLevel> levels) {
        if (levels.size() < 2) {
            throw new IllegalArgumentException("a time grid needs at least one step");
        }
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).sigma() > levels.get(i - 1).sigma()) {
                throw new IllegalArgumentException("time grid noise must not increase (step " + i + ")");
            }
        }
        this.levels = List.copyOf(levels);
    }

    /** A grid through the given levels (noisiest first); DATA is appended when the last level is not noiseless. */
    public static TimeGrid of(List<NoiseLevel> levels) {
        List<NoiseLevel> l = new ArrayList<>(levels);
        if (!l.get(l.size() - 1).isData()) {
            l.add(NoiseLevel.DATA);
        }
        return new TimeGrid(l);
    }

    /** A grid over the increasing timestep sub-sequence τ of 1..T, visited from τ_S down to data. */
    public static TimeGrid of(Schedule schedule, int[] tau) {
        List<NoiseLevel> l = new ArrayList<>();
        for (int i = 0; i < tau.length; i++) {
            if (tau[i] < 1 || tau[i] > schedule.T() || (i > 0 && tau[i] <= tau[i - 1])) {
                throw new IllegalArgumentException("timesteps must increase within 1.." + schedule.T() + ": " + Arrays.toString(tau));
            }
            l.add(schedule.level(tau[i]));
        }
        Collections.reverse(l);
        return of(l);
    }

    /** S steps of the schedule chosen by {@code spacing}. */
    public static TimeGrid of(Schedule schedule, int steps, Spacing spacing) {
        return of(schedule, spacing.timesteps(schedule.T(), steps));
    }

    /** Every index T, T−1, …, 1 (ancestral DDPM). */
    public static TimeGrid full(Schedule schedule) {
        return of(schedule, schedule.T(), Spacing.UNIFORM);
    }

    /** Number of steps (transitions) = number of levels − 1. */
    public int steps() {
        return levels.size() - 1;
    }

    /** Level i, 0 = noisiest, steps() = data. */
    public NoiseLevel level(int i) {
        return levels.get(i);
    }

    public NoiseLevel first() {
        return levels.get(0);
    }

    public List<NoiseLevel> levels() {
        return levels;
    }

    @Override
    public String toString() {
        return "TimeGrid" + levels.stream().map(l -> String.valueOf(l.time())).toList();
    }
}
