package io.diffusion4j.io;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header mapping each tensor
 * name to {dtype, shape, data_offsets} plus an optional "__metadata__" string map, then the raw little-endian data.
 * Files written here open in Python with {@code safetensors.torch.load_file}. Writes are atomic.
 */
public final class Safetensors {
    private Safetensors() {
    }

    /** What a file holds: tensors by name, in file order, and the string metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        JsonObject header = new JsonObject();
        if (metadata != null && !metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            JsonObject t = new JsonObject();
            t.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            t.add("shape", shape);
            JsonArray offs = new JsonArray();
            long len = 4L * e.getValue().data().length;
            offs.add(offset);
            offs.add(offset + len);
            t.add("data_offsets", offs);
            header.add(e.getKey(), t);
            offset += len;
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        int pad = (8 - h.length % 8) % 8; // keep the data 8-byte aligned, padding with spaces as the spec allows
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(8 + h.length + pad + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length + pad);
        buf.put(h);
        for (int i = 0; i < pad; i++) {
            buf.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            buf.asFloatBuffer().put(t.data());
            buf.position(buf.position() + 4 * t.data().length);
        }
        AtomicFiles.write(file, buf.array());
    }

    public static Contents read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        try {
            ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            long n = buf.getLong();
            if (n < 2 || 8 + n > all.length) {
                throw new IOException("not a safetensors file (header length " + n + ")");
            }
            JsonObject header = new Gson().fromJson(new String(all, 8, (int) n, StandardCharsets.UTF_8), JsonObject.class);
            int base = (int) (8 + n);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> meta = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    e.getValue().getAsJsonObject().entrySet().forEach(m -> meta.put(m.getKey(), m.getValue().getAsString()));
                    continue;
                }
                JsonObject t = e.getValue().getAsJsonObject();
                String dtype = t.get("dtype").getAsString();
                if (!dtype.equals("F32")) {
                    throw new IOException("tensor " + e.getKey() + " has dtype " + dtype + "; only F32 is supported");
                }
                JsonArray sh = t.getAsJsonArray("shape");
                long[] shape = new long[sh.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = sh.get(i).getAsLong();
                }
                JsonArray offs = t.getAsJsonArray("data_offsets");
                int begin = base + offs.get(0).getAsInt();
                int end = base + offs.get(1).getAsInt();
                if (begin < base || end > all.length || end < begin || (end - begin) % 4 != 0) {
                    throw new IOException("tensor " + e.getKey() + " has bad data offsets");
                }
                float[] data = new float[(end - begin) / 4];
                ByteBuffer.wrap(all, begin, end - begin).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
                tensors.put(e.getKey(), new Tensor(shape, data));
            }
            return new Contents(tensors, meta);
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException | ClassCastException
                 | IndexOutOfBoundsException | java.nio.BufferUnderflowException e) {
            throw new IOException("corrupt safetensors file " + file + ": " + e.getMessage(), e);
        }
    }
}
