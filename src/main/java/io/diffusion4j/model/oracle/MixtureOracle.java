package io.diffusion4j.model.oracle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.diffusion4j.data.GaussianMixture;
import io.diffusion4j.model.Denoiser;
import io.diffusion4j.param.Prediction;
import io.diffusion4j.schedule.NoiseLevel;

/**
 * The exact denoiser for Gaussian-mixture data. With x_t = α·x₀ + σ·ε and x₀ ~ Σ_k w_k N(μ_k, Σ_k), component k gives
 * x_t ~ N(α μ_k, α²Σ_k + σ²I) and E[x₀ | x_t, k] = μ_k + αΣ_k(α²Σ_k + σ²I)⁻¹(x_t − αμ_k) (Gaussian conditioning);
 * E[x₀ | x_t] = Σ_k r_k(x_t)·E[x₀ | x_t, k] with responsibilities r_k ∝ w_k N(x_t; αμ_k, α²Σ_k + σ²I), and ε̂ follows.
 * Computed in float64 in the eigenbasis of each Σ_k. Inputs are rows of d numbers (batch, d).
 */
public final class MixtureOracle implements Denoiser {
    private final GaussianMixture mixture;

    public MixtureOracle(GaussianMixture mixture) {
        this.mixture = mixture;
    }

    public GaussianMixture mixture() {
        return mixture;
    }

    @Override
    public Prediction predict(NDArray x, NoiseLevel level) {
        int d = mixture.dim();
        Shape shape = x.getShape();
        if (shape.size() / shape.get(0) != d) {
            throw new IllegalArgumentException("oracle for " + d + "-d data got shape " + shape);
        }
        if (level.isData()) {
            return Prediction.fromX0(x, x.div(level.alpha()), level);
        }
        NDManager m = x.getManager();
        NDArray xd = x.reshape(shape.get(0), d).toType(DataType.FLOAT64, false);
        double a = level.alpha();
        double s2 = level.sigma() * level.sigma();
        int K = mixture.components().size();
        NDArray[] logLik = new NDArray[K];
        NDArray[] condMean = new NDArray[K];
        for (int k = 0; k < K; k++) {
            GaussianMixture.Component c = mixture.components().get(k);
            NDArray mu = m.create(c.mean());
            NDArray q = m.create(flatten(c.eigenvectors()), new Shape(d, d));
            double[] lam = c.eigenvalues();
            double[] invVar = new double[d];
            double[] gain = new double[d];
            double logDet = 0;
            for (int j = 0; j < d; j++) {
                double v = a * a * lam[j] + s2;
                invVar[j] = 1 / v;
                gain[j] = a * lam[j] / v;
                logDet += Math.log(v);
            }
            NDArray z = xd.sub(mu.mul(a)).matMul(q); // coordinates in the eigenbasis
            NDArray maha = z.square().mul(m.create(invVar)).sum(new int[] {1});
            logLik[k] = maha.mul(-0.5).add(Math.log(c.weight()) - 0.5 * logDet - 0.5 * d * Math.log(2 * Math.PI));
            condMean[k] = z.mul(m.create(gain)).matMul(q.transpose()).add(mu);
        }
        NDArray resp = NDArrays.stack(new NDList(logLik), 1).softmax(1); // responsibilities (B, K)
        NDArray x0 = condMean[0].mul(resp.get(":, 0").expandDims(1));
        for (int k = 1; k < K; k++) {
            x0 = x0.add(condMean[k].mul(resp.get(":, " + k).expandDims(1)));
        }
        NDArray x0f = x0.toType(x.getDataType(), false).reshape(shape);
        return Prediction.fromX0(x, x0f, level);
    }

    private static double[] flatten(double[][] a) {
        double[] f = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, f, i * a[0].length, a[0].length);
        }
        return f;
    }
}
