package io.diffusion4j.app.codes;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import io.diffusion4j.app.channel.ChannelFiles;
import io.diffusion4j.model.Network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DDECC model as settings: the code, the transformer's size and the diffusion's β and line search; it builds the
 * network and reads back a trained one from a run folder (ddecc.json + ddecc.safetensors of {@link DdeccTraining}).
 */
public record DdeccModel(String code, int layers, int d, int heads, double beta, int lineSearch) {

    public EcctSpec spec(LinearCode c) {
        return new EcctSpec(c.h(), layers, d, heads);
    }

    public DdeccProcess process() {
        return new DdeccProcess(beta, lineSearch);
    }

    /** The settings as the JSON description of a run folder. */
    public Map<String, Object> description() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("layers", layers);
        m.put("d", d);
        m.put("heads", heads);
        m.put("beta", beta);
        m.put("line_search", lineSearch);
        return m;
    }

    /** The decoder of the model trained in {@code dir}, for {@code expected} (a model of another code is refused). */
    public static DdeccDecoder restore(Path dir, LinearCode expected, NDManager manager, int chunk) throws IOException {
        JsonObject j = ChannelFiles.readDescription(dir, DdeccTraining.FILE);
        DdeccModel m = new DdeccModel(j.get("code").getAsString(), j.get("layers").getAsInt(), j.get("d").getAsInt(),
                j.get("heads").getAsInt(), j.get("beta").getAsDouble(), j.get("line_search").getAsInt());
        if (!m.code().equals(expected.name())) {
            throw new IllegalArgumentException("--model " + dir + " was trained on " + m.code() + ", not " + expected.name()
                    + "; pass --code " + m.code() + " or train one for " + expected.name());
        }
        Network net = Network.create(m.spec(expected), manager, 0);
        ChannelFiles.loadWeights(dir, DdeccTraining.FILE, net);
        return new DdeccDecoder(expected, net, m.process(), chunk);
    }
}
