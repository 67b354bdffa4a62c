package io.diffusion4j.run;

import java.nio.file.Path;

/**
 * A second process for {@link RunLockTest}: takes the lock on {@code args[0]} and prints "locked PID" (then, with
 * {@code hold}, keeps it until its input closes), or prints the refusal and exits 2.
 */
public final class LockProbe {
    private LockProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
            System.out.println("locked " + ProcessHandle.current().pid());
            System.out.flush();
            if (args.length > 1 && args[1].equals("hold")) {
                while (System.in.read() >= 0) {
                    // hold until the test closes our input
                }
            }
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.exit(2);
        }
    }
}
