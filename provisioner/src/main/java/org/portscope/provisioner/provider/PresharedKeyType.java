package org.portscope.provisioner.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portscope.provisioner.plan.NodeNames;
import org.portscope.provisioner.wireguard.WgPresharedKey;

/**
 * {@code portscope:index:PresharedKey}: the secret a node shares with its hub (WireGuard's
 * PresharedKey), made by the provider from a strong random source when created and kept only in the
 * stack's state, as a secret. Replacing it ({@code pulumi up --replace URN}) rotates the node's key:
 * the node's update then rewrites both ends of its tunnel. Input: {@code node}; output: {@code key}.
 */
final class PresharedKeyType implements ResourceType {

    static final String TOKEN = "portscope:index:PresharedKey";

    @Override
    public String token() {
        return TOKEN;
    }

    @Override
    public List<Inputs.Failure> check(Map<String, Object> news) {
        Inputs in = Inputs.of(news);
        in.parsed("node", "the node's name", NodeNames::require);
        return in.failures();
    }

    @Override
    public Diff diff(Map<String, Object> olds, Map<String, Object> news) {
        List<String> changed = Changes.between(olds, news, news.keySet());
        return changed.isEmpty() ? Diff.NONE : new Diff(changed, List.of(), false);
    }

    @Override
    public Result create(String name, Map<String, Object> news, Operation op) {
        String key = WgPresharedKey.generate(op.configured().random()).toBase64();
        Map<String, Object> outputs = new LinkedHashMap<>(news);
        outputs.put("key", new PropertyValues.Secret(key));
        return new Result("psk-" + PropertyValues.reveal(news.get("node")), outputs);
    }

    @Override
    public Result update(String id, Map<String, Object> olds, Map<String, Object> news, Operation op) {
        Map<String, Object> outputs = new LinkedHashMap<>(news);
        outputs.put("key", olds.get("key"));
        return new Result(id, outputs);
    }

    /** The key lives only in the state: it is as the state says. */
    @Override
    public Result read(String id, Map<String, Object> state, Operation op) {
        return new Result(id, state);
    }

    /** Nothing outside the state holds it: forgetting it is all there is. */
    @Override
    public void delete(String id, Map<String, Object> olds, Operation op) {
    }
}
