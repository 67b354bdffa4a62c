package io.diffusion4j.io;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header mapping each tensor
 * name to {dtype, shape, data_offsets} plus an optional "__metadata__" string map, then the raw little-endian data.
 * Files written here open in Python with {@code safetensors.torch.load_file}. Writes are atomic, metadata keys are
 * sorted (same tensors, same bytes) and {@value #CRC_KEY} holds the CRC32C of the data section, which the reader
 * checks when present (files from elsewhere have none and still load). The reader takes F32, F16 and BF16 (as float)
 * and checks the header length, shapes and offsets against the file's size before it allocates anything.
 */
public final class Safetensors {
    /** Metadata key of the data section's CRC32C (8 hex digits). */
    public static final String CRC_KEY = "d4j.crc32c";
    /** The largest JSON header read (the format's own reference reader allows 100 MB). */
    static final long MAX_HEADER = 100_000_000L;

    private Safetensors() {
    }

    /** What a file holds: tensors by name, in file order, and the string metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        long total = 0;
        for (Tensor t : tensors.values()) {
            total += 4L * t.data().length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensors of " + total + " bytes exceed the 2 GiB a single file is written with");
        }
        ByteBuffer data = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        JsonObject body = new JsonObject();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            JsonObject t = new JsonObject();
            t.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            t.add("shape", shape);
            JsonArray offs = new JsonArray();
            offs.add(data.position());
            data.asFloatBuffer().put(e.getValue().data());
            data.position(data.position() + 4 * e.getValue().data().length);
            offs.add(data.position());
            t.add("data_offsets", offs);
            body.add(e.getKey(), t);
        }
        CRC32C crc = new CRC32C();
        crc.update(data.array());
        Map<String, String> sorted = new TreeMap<>(metadata == null ? Map.of() : metadata);
        sorted.put(CRC_KEY, String.format("%08x", crc.getValue()));
        JsonObject header = new JsonObject();
        JsonObject meta = new JsonObject();
        sorted.forEach(meta::addProperty);
        header.add("__metadata__", meta);
        body.entrySet().forEach(e -> header.add(e.getKey(), e.getValue()));
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - h.length % 8) % 8; // keep the data 8-byte aligned, padding with spaces as the spec allows
        ByteBuffer head = ByteBuffer.allocate(8 + h.length + pad).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(h.length + pad).put(h);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        byte[] all = new byte[head.capacity() + data.capacity()];
        System.arraycopy(head.array(), 0, all, 0, head.capacity());
        System.arraycopy(data.array(), 0, all, head.capacity(), data.capacity());
        AtomicFiles.write(file, all);
    }

    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw corrupt(file, "the file is empty");
            }
            if (size < 10) {
                throw corrupt(file, "only " + size + " bytes");
            }
            long n = readFully(ch, 0, 8).getLong();
            if (n < 2 || n > MAX_HEADER || n > size - 8) {
                throw corrupt(file, "header length " + n + " does not fit a file of " + size + " bytes");
            }
            JsonObject header = new Gson().fromJson(new String(readFully(ch, 8, (int) n).array(), StandardCharsets.UTF_8), JsonObject.class);
            if (header == null) {
                throw corrupt(file, "empty header");
            }
            long base = 8 + n;
            long dataBytes = size - base;
            if (dataBytes > Integer.MAX_VALUE - 8) {
                throw corrupt(file, "a data section of " + dataBytes + " bytes is more than one read can hold");
            }
            Map<String, String> meta = new LinkedHashMap<>();
            Map<String, long[]> spans = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().getAsJsonObject().entrySet().forEach(m -> meta.put(m.getKey(), m.getValue().getAsString()));
                } else {
                    spans.put(e.getKey(), span(file, e.getKey(), e.getValue().getAsJsonObject(), dataBytes));
                }
            }
            ByteBuffer data = readFully(ch, base, (int) dataBytes);
            String expected = meta.get(CRC_KEY);
            if (expected != null) {
                CRC32C crc = new CRC32C();
                crc.update(data.array());
                if (!String.format("%08x", crc.getValue()).equalsIgnoreCase(expected)) {
                    throw new IOException(file + " fails its checksum (its data changed after it was written)");
                }
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, long[]> e : spans.entrySet()) {
                JsonObject t = header.getAsJsonObject(e.getKey());
                tensors.put(e.getKey(), new Tensor(shape(t), decode(t.get("dtype").getAsString(), data, e.getValue())));
            }
            return new Contents(tensors, meta);
        } catch (JsonParseException | IllegalStateException | ClassCastException | NumberFormatException
                 | UnsupportedOperationException | NullPointerException | IndexOutOfBoundsException e) {
            throw corrupt(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0]);
        }
    }

    /** The tensor's [begin, end) in the data section, checked against its dtype, shape and the data's size. */
    private static long[] span(Path file, String name, JsonObject t, long dataBytes) throws IOException {
        int width = width(file, name, t.get("dtype").getAsString());
        long count = 1;
        for (long s : shape(t)) {
            if (s < 0 || (s > 0 && count > Long.MAX_VALUE / 8 / s)) {
                throw corrupt(file, "tensor " + name + " has an impossible shape " + t.get("shape"));
            }
            count *= s;
        }
        JsonArray offs = t.getAsJsonArray("data_offsets");
        long begin = offs.get(0).getAsLong();
        long end = offs.get(1).getAsLong();
        if (begin < 0 || end < begin || end > dataBytes) {
            throw corrupt(file, "tensor " + name + " has data offsets [" + begin + ", " + end + ") beyond the "
                    + dataBytes + " data bytes (truncated file?)");
        }
        if (end - begin != count * width) {
            throw corrupt(file, "tensor " + name + " has " + (end - begin) + " bytes for shape " + t.get("shape"));
        }
        return new long[] {begin, end};
    }

    private static int width(Path file, String name, String dtype) throws IOException {
        return switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new IOException(file + ": tensor " + name + " has dtype " + dtype
                    + "; only F32, F16 and BF16 are supported (convert it to float32)");
        };
    }

    private static long[] shape(JsonObject t) {
        JsonArray sh = t.getAsJsonArray("shape");
        long[] shape = new long[sh.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = sh.get(i).getAsLong();
        }
        return shape;
    }

    private static float[] decode(String dtype, ByteBuffer data, long[] span) {
        int begin = (int) span[0];
        int width = dtype.equals("F32") ? 4 : 2;
        float[] v = new float[(int) ((span[1] - span[0]) / width)];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (dtype) {
                case "F32" -> data.getFloat(begin + 4 * i);
                case "BF16" -> Float.intBitsToFloat((data.getShort(begin + 2 * i) & 0xffff) << 16);
                default -> halfToFloat(data.getShort(begin + 2 * i));
            };
        }
        return v;
    }

    /** IEEE 754 binary16 to float (exact: every half is a float). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float sub = mant * 0x1p-24f;   // zero or subnormal
            return sign == 0 ? sub : -sub;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static ByteBuffer readFully(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buf.flip();
    }

    private static IOException corrupt(Path file, String why) {
        return new IOException("corrupt safetensors file " + file + ": " + why);
    }
}
