package io.diffusion4j.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: makes a use of freed native memory visible. DJL builds arrays from Java values on direct buffers; a
 * tensor autograd keeps past its array's close reads that memory in the backward pass. Calling {@link #scribble}
 * between forward and backward collects garbage (freeing unreachable direct buffers) and refills small native
 * blocks with NaN, so such a gradient comes out NaN instead of silently wrong.
 */
public final class FreedMemory {
    private FreedMemory() {
    }

    public static void scribble() {
        List<ByteBuffer> keep = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4 + 4 * (i % 4)).order(ByteOrder.nativeOrder());
                while (b.remaining() >= 4) {
                    b.putFloat(Float.NaN);
                }
                keep.add(b);
            }
        }
        keep.clear();
    }
}
