package io.diffusion4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format, version 1.0: magic, a Python-literal header {'descr', 'fortran_order', 'shape'} padded to a
 * multiple of 64 bytes, then C-order data. Writes float32 ('&lt;f4'); reads little-endian float32 or float64.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static void write(Path file, Tensor t) throws IOException {
        StringBuilder shape = new StringBuilder();
        long[] s = t.shape();
        for (long d : s) {
            shape.append(d).append(", ");
        }
        String sh = s.length == 1 ? shape.toString().trim() : shape.substring(0, Math.max(0, shape.length() - 2));
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + sh + "), }";
        int total = MAGIC.length + 2 + 2 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        byte[] hb = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + hb.length + 4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) hb.length).put(hb);
        buf.asFloatBuffer().put(t.data());
        AtomicFiles.write(file, buf.array());
    }

    public static Tensor read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 10) {
            throw new IOException(file + " is not a .npy file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (all[i] != MAGIC[i]) {
                throw new IOException(file + " is not a .npy file (bad magic)");
            }
        }
        int major = all[6];
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(b.getShort(8));
            start = 10;
        } else {
            headerLen = b.getInt(8);
            start = 12;
        }
        if (start + headerLen > all.length) {
            throw new IOException(file + ": truncated .npy header");
        }
        String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(file + ": unreadable .npy header");
        }
        if (f.group(1).equals("True")) {
            throw new IOException(file + ": Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
        }
        String[] parts = s.group(1).split(",");
        long[] shape = java.util.Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty()).mapToLong(Long::parseLong).toArray();
        long n = 1;
        for (long x : shape) {
            n *= x;
        }
        int dataStart = start + headerLen;
        float[] v = new float[Math.toIntExact(n)];
        switch (d.group(1)) {
            case "<f4", "|f4" -> {
                check(file, all, dataStart, 4 * n);
                ByteBuffer.wrap(all, dataStart, (int) (4 * n)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            }
            case "<f8" -> {
                check(file, all, dataStart, 8 * n);
                var db = ByteBuffer.wrap(all, dataStart, (int) (8 * n)).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) db.get(i);
                }
            }
            default -> throw new IOException(file + ": dtype " + d.group(1) + " is not supported; save as float32 or float64");
        }
        return new Tensor(shape, v);
    }

    private static void check(Path file, byte[] all, int start, long bytes) throws IOException {
        if (start + bytes > all.length) {
            throw new IOException(file + ": truncated .npy data");
        }
    }
}
