package io.diffusion4j.run;

import java.util.List;

/**
 * What an image run's config.json records about its images beyond {@link RunConfig}: channels and size (pixels are
 * byte/127.5 − 1, so [−1, 1], and the run's normalisation is the identity), the {@code --image-size} the folder was
 * resized to (0 = native size; used again on resume), the class names (empty for an unlabelled folder; a
 * class-conditional U-Net has these K classes plus the null class K), and the label-dropout probability of
 * classifier-free guidance training (Ho &amp; Salimans 2022).
 */
public record ImageData(int channels, int height, int width, int resize, List<String> classes, double pUncond) {

    public ImageData {
        if (channels < 1 || height < 1 || width < 1 || resize < 0) {
            throw new IllegalArgumentException("image channels and size must be >= 1");
        }
        if (!(pUncond >= 0 && pUncond < 1)) {
            throw new IllegalArgumentException("--p-uncond must be in [0, 1), got " + pUncond);
        }
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    /** Values per image, C·H·W. */
    public int dim() {
        return channels * height * width;
    }
}
