package io.diffusion4j.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import io.diffusion4j.tensor.Engines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * libtorch's own group norm kernel (forward and backward one fused kernel each), reached through a weightless
 * TorchScript module shipped as a resource ({@code group_norm_op.pt}, written by
 * {@code src/main/torchscript/group_norm_op.py}), because DJL 0.36 binds no group norm op. The module is loaded once
 * per process; gradients are recorded through it when the calling thread records them. If it cannot be loaded,
 * {@link #available} is false and {@link GroupNorm} uses its composite of layer norm and batch norm.
 */
final class NativeGroupNorm {
    private static final Logger LOG = LoggerFactory.getLogger(NativeGroupNorm.class);
    private static final String RESOURCE = "group_norm_op.pt";
    private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("d4j.native.groupnorm"));
    private static volatile PtSymbolBlock module;
    private static volatile boolean failed;
    /** The module's manager, which also holds the 0-d (groups, ε) tensors, made once per pair and only read after. */
    private static volatile NDManager constants;
    private static final Map<List<Number>, NDList> SETTINGS = new ConcurrentHashMap<>();

    private NativeGroupNorm() {
    }

    /** True when the module is loaded (on first call) and not switched off with {@code -Dd4j.native.groupnorm=false}. */
    static boolean available() {
        return ENABLED && module() != null;
    }

    /** y = γ_c·(x − μ_g)/√(σ²_g + ε) + β_c by libtorch's group norm; x (B, C, …), γ and β (C). */
    static NDArray apply(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        PtSymbolBlock op = module();   // loads the module and its manager first
        NDList settings = SETTINGS.computeIfAbsent(List.of((long) groups, eps),
                k -> {
                    NDList c = new NDList(constants.create((long) groups), constants.create(eps));
                    c.forEach(NDScope::unregister);   // made inside a block's inference scope, kept for the process
                    return c;
                });
        NDList in = new NDList(x, gamma, beta, settings.get(0), settings.get(1));
        return IValueUtils.forward(op, in, JniUtils.isGradMode()).head();
    }

    private static PtSymbolBlock module() {
        PtSymbolBlock b = module;
        if (b != null || failed) {
            return b;
        }
        synchronized (NativeGroupNorm.class) {
            if (module == null && !failed) {
                try (InputStream is = NativeGroupNorm.class.getResourceAsStream(RESOURCE)) {
                    if (is == null) {
                        throw new IOException("resource " + RESOURCE + " is missing");
                    }
                    // a manager of its own for the process's lifetime: the module is shared by every network
                    constants = Engines.newManager();
                    module = JniUtils.loadModule((PtNDManager) constants, is, true, false);
                } catch (IOException | RuntimeException e) {
                    failed = true;
                    LOG.warn("native group norm unavailable ({}); using the layer-norm and batch-norm composite", e.getMessage());
                }
            }
            return module;
        }
    }
}
