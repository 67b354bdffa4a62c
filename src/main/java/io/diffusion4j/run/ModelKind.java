package io.diffusion4j.run;

import io.diffusion4j.naming.Names;

import java.util.Locale;

/** The model a run trains: a denoising MLP, an image U-Net, or the Gaussian baseline generator (no network). */
public enum ModelKind {
    MLP, UNET, GAUSSIAN;

    /** The stored name: mlp, unet or gaussian. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static final Names<ModelKind> NAMES = Names.of("--model", Names.entry(MLP, "mlp"), Names.entry(GAUSSIAN, "gaussian"),
            Names.entry(UNET, "unet", "u-net"));

    public static ModelKind parse(String name) {
        return NAMES.parse(name);
    }

    /** True for a denoising network (mlp, unet). */
    public boolean isNetwork() {
        return this != GAUSSIAN;
    }
}
