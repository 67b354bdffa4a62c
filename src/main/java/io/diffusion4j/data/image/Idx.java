package io.diffusion4j.data.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The IDX file format of MNIST and Fashion-MNIST (LeCun et al., "THE MNIST DATABASE", file formats section): a
 * big-endian magic number 0x0000 0x08 r (unsigned bytes, r dimensions), r big-endian int32 sizes, then the bytes.
 * Reads plain or gzipped files (told apart by the gzip magic 1f 8b) and writes gzipped ones.
 */
public final class Idx {
    private static final int UNSIGNED_BYTE = 0x08;

    private Idx() {
    }

    /** An unsigned-byte IDX array: its dimensions and the values in row-major order. */
    public record Array(int[] dims, byte[] data) {
    }

    /** Reads an IDX array of unsigned bytes from a stream that may be gzipped; the stream is closed. */
    public static Array read(InputStream raw, String name) throws IOException {
        try (InputStream in = ungzip(new BufferedInputStream(raw))) {
            DataInputStream d = new DataInputStream(in);
            int magic = d.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != UNSIGNED_BYTE || (magic & 0xFF) < 1 || (magic & 0xFF) > 4) {
                throw new IOException(name + " is not an unsigned-byte IDX file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int[] dims = new int[magic & 0xFF];
            long size = 1;
            for (int i = 0; i < dims.length; i++) {
                dims[i] = d.readInt();
                if (dims[i] < 0) {
                    throw new IOException(name + ": negative dimension " + dims[i]);
                }
                size *= dims[i];
            }
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(name + ": too large (" + size + " values)");
            }
            byte[] data = new byte[(int) size];
            d.readFully(data);
            return new Array(dims, data);
        }
    }

    /** The gzipped IDX encoding of an unsigned-byte array. */
    public static byte[] writeGzip(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt((UNSIGNED_BYTE << 8) | dims.length);
            for (int dim : dims) {
                out.writeInt(dim);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static InputStream ungzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
