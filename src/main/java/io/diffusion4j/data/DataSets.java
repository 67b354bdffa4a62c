package io.diffusion4j.data;

import io.diffusion4j.noise.NoiseSource;

import java.nio.file.Path;
import java.util.Optional;

/** Resolves a {@code --data} argument: a toy name (seeded draw) or an N×d .npy/.csv file. */
public final class DataSets {
    private DataSets() {
    }

    public static Optional<ToyData> toy(String name) {
        return ToyData.find(name);
    }

    /** n points of the named data: a seeded toy draw, or the file's rows (n ignored). */
    public static Points load(String name, int n, long seed) {
        Optional<ToyData> t = ToyData.find(name);
        if (t.isPresent()) {
            return t.get().sample(n, new NoiseSource(seed));
        }
        if (!name.contains(".") && !name.contains("/")) {
            throw new IllegalArgumentException("unknown data set '" + name + "'; use " + ToyData.names() + " or a path to an N×d .npy/.csv file");
        }
        return PointFiles.read(Path.of(name));
    }
}
