package io.diffusion4j.app.mimo.estimation;

import io.diffusion4j.app.mimo.ComplexMatrix;

/**
 * The N_T × P pilot matrix of a sounding Y = H·P + N, and its real-valued measurement matrix B with
 * vec(Y) = B·vec(H) in the {@link ChannelVector} layout. Pilots of unit-modulus entries transmit, per pilot
 * column, the power of one data vector, so the pilot SNR follows {@link io.diffusion4j.app.mimo.MimoPower}.
 */
public record PilotMatrix(ComplexMatrix p) {

    /**
     * Orthogonal DFT pilots [P]_jk = e^{−2πi·jk/M} with M = max(N_T, P): for P ≥ N_T the rows are orthogonal
     * (P·Pᴴ = P·I, least squares applies); for P &lt; N_T the columns are (Pᴴ·P = N_T·I).
     */
    public static PilotMatrix dft(int nt, int count) {
        if (nt < 1 || count < 1) {
            throw new IllegalArgumentException("pilots need N_T >= 1 and at least one pilot, got " + nt + ", " + count);
        }
        int m = Math.max(nt, count);
        double[][] re = new double[nt][count];
        double[][] im = new double[nt][count];
        for (int j = 0; j < nt; j++) {
            for (int k = 0; k < count; k++) {
                double a = -2 * Math.PI * j * k / m;
                re[j][k] = Math.cos(a);
                im[j][k] = Math.sin(a);
            }
        }
        return new PilotMatrix(new ComplexMatrix(re, im));
    }

    public int transmitters() {
        return p.rows();
    }

    public int count() {
        return p.columns();
    }

    /**
     * B (2·N_R·P × 2·N_T·N_R): row by row Y_ik = Σ_j H_ij·P_jk, so Re Y_ik = Σ_j Re H_ij Re P_jk − Im H_ij Im P_jk and
     * Im Y_ik = Σ_j Re H_ij Im P_jk + Im H_ij Re P_jk; Y is laid out as [Re Y (row-major); Im Y (row-major)].
     */
    public double[][] measurement(int nr) {
        int nt = transmitters();
        int np = count();
        int hIm = nr * nt;
        int yIm = nr * np;
        double[][] b = new double[2 * nr * np][2 * nr * nt];
        for (int i = 0; i < nr; i++) {
            for (int k = 0; k < np; k++) {
                for (int j = 0; j < nt; j++) {
                    double pr = p.re()[j][k];
                    double pi = p.im()[j][k];
                    b[i * np + k][i * nt + j] = pr;
                    b[i * np + k][hIm + i * nt + j] = -pi;
                    b[yIm + i * np + k][i * nt + j] = pi;
                    b[yIm + i * np + k][hIm + i * nt + j] = pr;
                }
            }
        }
        return b;
    }
}
