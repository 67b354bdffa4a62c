package io.diffusion4j.run;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import io.diffusion4j.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run on disk: {@code config.json} (the {@link RunConfig}), {@code model.safetensors} (the sampling weights, EMA when
 * enabled, readable by Python's safetensors), {@code checkpoint.safetensors} (weights, EMA, optimiser state and step,
 * for {@code --resume}, with {@code checkpoint.prev.safetensors} the one before it), {@code metrics.csv} and plots.
 * Every file is written atomically; a command that writes the run holds its {@link #lock() lock} meanwhile.
 */
public record RunDirectory(Path dir) {

    /** The Gson of run files and reports (see {@link RunConfigJson}). */
    public static final Gson GSON = RunConfigJson.GSON;

    public Path config() {
        return dir.resolve("config.json");
    }

    public Path model() {
        return dir.resolve("model.safetensors");
    }

    public Path checkpoint() {
        return dir.resolve("checkpoint.safetensors");
    }

    public Path metrics() {
        return dir.resolve("metrics.csv");
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The exclusive lock for writing this run (one line, exit 2, when another command holds it). */
    public RunLock lock() throws IOException {
        return RunLock.acquire(dir);
    }

    /** Removes the temporary files a killed writer left in the run; returns how many. */
    public int removeOrphans() throws IOException {
        return io.diffusion4j.io.AtomicFiles.removeOrphans(dir);
    }

    public void writeConfig(RunConfig cfg) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.writeString(config(), GSON.toJson(cfg) + "\n");
    }

    /** Reads config.json, with one-line errors for a missing or corrupt run. */
    public RunConfig readConfig() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run directory " + dir + " not found; train one with 'd4j train --out " + dir + "'");
        }
        if (!Files.isRegularFile(config())) {
            throw new IllegalArgumentException(dir + " is not a run directory (no config.json); point --run at a folder written by 'd4j train'");
        }
        try {
            return RunConfigJson.fromJson(Files.readString(config()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config() + ": " + oneLine(e).replaceFirst("^config\\.json:? ?", ""));
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(config() + " is corrupt (" + oneLine(e) + "); retrain the run or restore the file");
        }
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().replaceFirst("^[\\w.$]+(Exception|Error): ", "");
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** JSON of any value with the run's Gson (for reports). */
    public static String toJson(Object o) {
        return GSON.toJson(o);
    }
}
