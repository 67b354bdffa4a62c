package io.diffusion4j.run;

import io.diffusion4j.data.Normalization;

/**
 * What data a run saw, as config.json stores it (flat keys data, dataCount, dim, normalization, x0Bound).
 *
 * @param source        a toy data set's name (drawn with the training seed), a data file's path, fashion-mnist or an
 *                      image folder
 * @param count         the number of toy points drawn (the file's row count or image count otherwise)
 * @param dim           values per sample (images: C·H·W)
 * @param normalization the per-dimension standardisation the model was trained in, undone at sampling
 * @param x0Bound       the largest |value| of the normalised training data; sampling clips x̂₀ to ±1.5× it by default
 */
public record DataSpec(String source, int count, int dim, Normalization normalization, double x0Bound) {

    public DataSpec {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("config.json: 'data' names no data set");
        }
        if (dim < 1) {
            throw new IllegalArgumentException("config.json: 'dim' must be >= 1, got " + dim);
        }
        if (normalization == null || normalization.mean().length != dim || normalization.std().length != dim) {
            throw new IllegalArgumentException("config.json: 'normalization' must hold " + dim + " means and stds");
        }
        for (double s : normalization.std()) {
            if (!(s > 0 && Double.isFinite(s))) {
                throw new IllegalArgumentException("config.json: 'normalization' std must be finite and > 0, got " + s);
            }
        }
    }
}
