package io.diffusion4j.tools;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.model.ClassifierSpec;
import io.diffusion4j.model.Network;
import io.diffusion4j.model.NetworkClassifier;
import io.diffusion4j.tensor.Engines;

import java.nio.file.Path;
import java.util.Map;

/** Writes an untrained feature classifier (for smoke tests before the real one exists). Usage: OUT.safetensors. */
public final class MakeDummyClassifier {
    private MakeDummyClassifier() {
    }

    public static void main(String[] args) throws Exception {
        try (NDManager m = Engines.newManager()) {
            new NetworkClassifier(Network.create(ClassifierSpec.of(1, 28, 28, 10, false), m, 1)).save(Path.of(args[0]), Map.of("note", "untrained"));
        }
    }
}
