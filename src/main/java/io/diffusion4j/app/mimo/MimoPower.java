package io.diffusion4j.app.mimo;

/**
 * The one place the package's power convention lives. Symbols have unit average energy E_s = E|s|² = 1 (½ per real
 * dimension), channel entries have E|h_ij|² = 1 for every channel model, and the SNR is per receive antenna:
 * SNR = E‖Hx‖² / E‖n‖² = N_T·E_s / N_0, so complex noise CN(0, N_0) has N_0 = N_T/SNR and each real dimension of the
 * real-valued equivalent carries variance σ² = N_0/2.
 */
public final class MimoPower {
    /** E_s per real dimension (real and imaginary part of a unit-energy symbol). */
    public static final double REAL_SYMBOL_ENERGY = 0.5;

    private MimoPower() {
    }

    /** 10^(dB/10). */
    public static double fromDb(double db) {
        return Math.pow(10, db / 10);
    }

    /** σ² = N_T / (2·SNR), the noise variance per real dimension at an SNR per receive antenna in dB. */
    public static double noiseVariance(double snrDb, int nt) {
        if (!Double.isFinite(snrDb)) {
            throw new IllegalArgumentException("SNR must be a finite number of dB, got " + snrDb);
        }
        return nt / (2 * fromDb(snrDb));
    }
}
