# Reference values for ImageQualityTest: SSIM (Wang et al. 2004, eq. 13; 11×11 Gaussian window, σ = 1.5,
# "valid" positions, R = 2) and PSNR of a fixed image pair, computed independently with numpy + scipy.
# Run: python3 bench/inverse/ssim_reference.py
import numpy as np
from scipy.signal import correlate2d
H, W = 16, 20
i, j = np.meshgrid(np.arange(H), np.arange(W), indexing='ij')
x = np.sin(0.7 * i) * np.cos(0.3 * j)
y = x + 0.3 * np.sin(0.1 * i * j)
g = np.exp(-(np.arange(11) - 5) ** 2 / (2 * 1.5 ** 2)); g /= g.sum()
w = np.outer(g, g)
f = lambda a: correlate2d(a, w, mode='valid')
L = 2.0; C1 = (0.01 * L) ** 2; C2 = (0.03 * L) ** 2
mx, my = f(x), f(y)
vx = f(x * x) - mx ** 2; vy = f(y * y) - my ** 2; cxy = f(x * y) - mx * my
m = ((2 * mx * my + C1) * (2 * cxy + C2)) / ((mx ** 2 + my ** 2 + C1) * (vx + vy + C2))
print(repr(m.mean()))
print(repr(10 * np.log10(L * L / np.mean((x - y) ** 2))))
