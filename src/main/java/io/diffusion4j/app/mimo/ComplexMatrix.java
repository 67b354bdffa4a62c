package io.diffusion4j.app.mimo;

/**
 * A complex matrix as its real and imaginary parts (rows × columns each).
 *
 * @param re real part
 * @param im imaginary part
 */
public record ComplexMatrix(double[][] re, double[][] im) {

    public int rows() {
        return re.length;
    }

    public int columns() {
        return re[0].length;
    }

    /** The real-valued equivalent [[Re H, −Im H], [Im H, Re H]] (2·rows × 2·columns), acting on [Re x; Im x]. */
    public double[][] real() {
        int r = rows();
        int c = columns();
        double[][] h = new double[2 * r][2 * c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                h[i][j] = re[i][j];
                h[i][j + c] = -im[i][j];
                h[i + r][j] = im[i][j];
                h[i + r][j + c] = re[i][j];
            }
        }
        return h;
    }
}
