package io.diffusion4j.run;

import java.util.Locale;

/** The model a run trains: a denoising MLP, an image U-Net, or the Gaussian baseline generator (no network). */
public enum ModelKind {
    MLP, UNET, GAUSSIAN;

    /** The stored name: mlp, unet or gaussian. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelKind parse(String name) {
        for (ModelKind k : values()) {
            if (k.id().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "'; use mlp, gaussian or unet");
    }

    /** True for a denoising network (mlp, unet). */
    public boolean isNetwork() {
        return this != GAUSSIAN;
    }
}
