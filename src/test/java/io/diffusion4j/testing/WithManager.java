package io.diffusion4j.testing;

import ai.djl.ndarray.NDManager;
import io.diffusion4j.tensor.Engines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A root NDManager opened before a test class and closed after it. */
public abstract class WithManager {
    protected static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = Engines.newManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }
}
