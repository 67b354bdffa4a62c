package io.diffusion4j.run;

/** The toolkit version written into every run and checkpoint. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
