package io.diffusion4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's .npy format, version 1.0: magic, a Python-literal header {'descr', 'fortran_order', 'shape'} padded to a
 * multiple of 64 bytes, then C-order data. Writes float32 ('&lt;f4') atomically; reads little-endian float32 or float64,
 * checking the header length, the shape (no negative sizes, at most {@link #MAX_ELEMENTS} values) and the data length
 * against the file's size before it allocates anything.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    /** The most values one array may hold (Java arrays are int-indexed). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** The longest header read (numpy itself refuses headers over 10,000 bytes by default). */
    static final long MAX_HEADER = 1 << 20;
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
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 10) {
                throw new IOException(file + " is not a .npy file (" + (size == 0 ? "empty" : "only " + size + " bytes") + ")");
            }
            ByteBuffer b = read(ch, 0, (int) Math.min(size, 12));
            for (int i = 0; i < MAGIC.length; i++) {
                if (b.get(i) != MAGIC[i]) {
                    throw new IOException(file + " is not a .npy file (bad magic)");
                }
            }
            int major = b.get(6);
            int start = major == 1 ? 10 : 12;
            long headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : size < 12 ? -1 : Integer.toUnsignedLong(b.getInt(8));
            if (headerLen < 0 || headerLen > MAX_HEADER || start + headerLen > size) {
                throw new IOException(file + ": .npy header length " + headerLen + " does not fit a file of " + size
                        + " bytes (truncated or not a .npy file)");
            }
            String header = new String(read(ch, start, (int) headerLen).array(), StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(header);
            Matcher f = FORTRAN.matcher(header);
            Matcher s = SHAPE.matcher(header);
            if (!d.find() || !f.find() || !s.find()) {
                throw new IOException(file + ": unreadable .npy header");
            }
            if (f.group(1).equals("True")) {
                throw new IOException(file + ": Fortran-ordered arrays are not supported; save with np.ascontiguousarray");
            }
            int width = switch (d.group(1)) {
                case "<f4", "|f4" -> 4;
                case "<f8" -> 8;
                default -> throw new IOException(file + ": dtype " + d.group(1) + " is not supported; save as float32 or float64");
            };
            long[] shape = shape(file, s.group(1));
            long n = 1;
            for (long x : shape) {
                n *= x;   // cannot overflow: each factor and the running product stay <= MAX_ELEMENTS
                if (n > MAX_ELEMENTS) {
                    throw new IOException(file + ": shape (" + s.group(1).trim() + ") holds more than " + MAX_ELEMENTS
                            + " values; split the array into smaller files");
                }
            }
            if (width * n > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": " + width * n + " bytes of data is more than one read can hold; save as float32 or split the array");
            }
            long dataStart = start + headerLen;
            if (size - dataStart < width * n) {
                throw new IOException(file + ": truncated .npy data (shape (" + s.group(1).trim() + ") needs " + width * n
                        + " bytes, the file has " + (size - dataStart) + ")");
            }
            ByteBuffer data = read(ch, dataStart, (int) (width * n));
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = width == 4 ? data.getFloat(4 * i) : (float) data.getDouble(8 * i);
            }
            return new Tensor(shape, v);
        }
    }

    private static long[] shape(Path file, String text) throws IOException {
        String[] parts = text.split(",");
        long[] shape = java.util.Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty()).mapToLong(p -> {
            try {
                return Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
            } catch (NumberFormatException e) {
                return -1;
            }
        }).toArray();
        for (long x : shape) {
            if (x < 0 || x > MAX_ELEMENTS) {
                throw new IOException(file + ": .npy shape (" + text.trim() + ") is not a list of sizes 0.." + MAX_ELEMENTS);
            }
        }
        return shape;
    }

    /** {@code length} bytes from {@code at} (the caller has checked they lie in the file). */
    private static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buf.flip();
    }

    /** Index of the first NaN or infinite value, or -1 when all are finite. */
    public static long firstNonFinite(float[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }
}
