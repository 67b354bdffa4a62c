package io.diffusion4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.Points;
import io.diffusion4j.data.image.ImageSet;
import io.diffusion4j.io.Safetensors;
import io.diffusion4j.io.Tensor;
import io.diffusion4j.schedule.NoiseLevel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained {@link ClassifierSpec} network as a {@link Classifier}, with batch helpers over image sets: predicted
 * labels, accuracy, and the penultimate-layer features that FID-FMNIST compares. Batches run in sub-managers.
 */
public record NetworkClassifier(Network network) implements Classifier {
    private static final int BATCH = 250;

    /** A classifier of the given spec with the weights of a safetensors file (as written by {@link #save}). */
    public static NetworkClassifier load(ClassifierSpec spec, NDManager manager, InputStream weights) throws IOException {
        Path tmp = Files.createTempFile("d4j-classifier", ".safetensors");
        try {
            Files.copy(weights, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return load(spec, manager, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static NetworkClassifier load(ClassifierSpec spec, NDManager manager, Path weights) throws IOException {
        Network net = Network.create(spec, manager, 0);
        Map<String, float[]> values = new LinkedHashMap<>();
        Safetensors.read(weights).tensors().forEach((k, v) -> values.put(k, v.data()));
        net.load(values);
        return new NetworkClassifier(net);
    }

    /** A classifier file written by {@link #save}, its spec read from the file's metadata. */
    public static NetworkClassifier load(NDManager manager, Path weights) throws IOException {
        Map<String, String> meta = Safetensors.read(weights).metadata();
        ClassifierSpec spec;
        try {
            String[] mult = meta.get("mult").replaceAll("[\\[\\] ]", "").split(",");
            spec = new ClassifierSpec(Integer.parseInt(meta.get("channels")), Integer.parseInt(meta.get("height")),
                    Integer.parseInt(meta.get("width")), Integer.parseInt(meta.get("base")),
                    java.util.Arrays.stream(mult).mapToInt(Integer::parseInt).toArray(), Integer.parseInt(meta.get("res_blocks")),
                    Integer.parseInt(meta.get("groups")), Integer.parseInt(meta.get("classes")),
                    Boolean.parseBoolean(meta.get("time_conditioned")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(weights + " is not a diffusion4j classifier file (its metadata lacks the"
                    + " classifier configuration); train one with d4j train-classifier");
        }
        return load(spec, manager, weights);
    }

    /** Writes the weights with the spec and the given provenance metadata. */
    public void save(Path file, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        network.parameters().forEach((k, v) -> t.put(k, new Tensor(v.getShape().getShape(), v.toFloatArray())));
        ClassifierSpec spec = (ClassifierSpec) network.spec();
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("type", spec.type());
        meta.put("channels", String.valueOf(spec.channels()));
        meta.put("height", String.valueOf(spec.height()));
        meta.put("width", String.valueOf(spec.width()));
        meta.put("base", String.valueOf(spec.base()));
        meta.put("mult", java.util.Arrays.toString(spec.mult()));
        meta.put("res_blocks", String.valueOf(spec.resBlocks()));
        meta.put("groups", String.valueOf(spec.groups()));
        meta.put("classes", String.valueOf(spec.classes()));
        meta.put("time_conditioned", String.valueOf(spec.timeConditioned()));
        Safetensors.write(file, t, meta);
    }

    @Override
    public NDArray logits(NDArray x, NoiseLevel level) {
        return network.forward(x, times(x, level), null, false);
    }

    /** Penultimate-layer features (B, F) of x at the given level. */
    public NDArray features(NDArray x, NoiseLevel level) {
        NDList out = network.forward(new NDList(x, times(x, level)), false);
        return out.get(1);
    }

    /** Features of clean images, one row per image. */
    public Points features(ImageSet images) {
        int f = ((ClassifierSpec) network.spec()).featureDim();
        float[] all = new float[images.n() * f];
        forBatches(images, (from, x) -> System.arraycopy(features(x, NoiseLevel.DATA).toFloatArray(), 0, all, from * f,
                (int) x.getShape().get(0) * f));
        return new Points(images.n(), f, all);
    }

    /** argmax labels of clean images. */
    public int[] predict(ImageSet images) {
        int[] labels = new int[images.n()];
        forBatches(images, (from, x) -> {
            int[] p = logits(x, NoiseLevel.DATA).argMax(1).toType(DataType.INT32, false).toIntArray();
            System.arraycopy(p, 0, labels, from, p.length);
        });
        return labels;
    }

    /** Share of images whose predicted label equals {@code target[i]}. */
    public double accuracy(ImageSet images, int[] target) {
        int[] p = predict(images);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += p[i] == target[i] ? 1 : 0;
        }
        return (double) right / p.length;
    }

    private interface BatchAction {
        void accept(int from, NDArray x);
    }

    private void forBatches(ImageSet images, BatchAction action) {
        for (int from = 0; from < images.n(); from += BATCH) {
            try (NDManager m = network.manager().newSubManager()) {
                action.accept(from, images.toNDArray(m, from, Math.min(images.n(), from + BATCH)));
            }
        }
    }

    private static NDArray times(NDArray x, NoiseLevel level) {
        return x.getManager().full(new Shape(x.getShape().get(0)), (float) level.time(), DataType.FLOAT32);
    }
}
