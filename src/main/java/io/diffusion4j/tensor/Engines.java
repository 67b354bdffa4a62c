package io.diffusion4j.tensor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The entry to DJL: every base manager of the toolkit comes from here, so the engine always starts offline
 * (ai.djl.offline=true unless the user set the property) and with the thread count the user asked for.
 */
public final class Engines {
    private Engines() {
    }

    /** Sets the offline property unless the user already chose, then starts the PyTorch engine. */
    public static synchronized Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
            System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        }
        return Engine.getEngine("PyTorch");
    }

    /** A new root manager on the CPU of the PyTorch engine. */
    public static NDManager newManager() {
        return engine().newBaseManager();
    }
}
