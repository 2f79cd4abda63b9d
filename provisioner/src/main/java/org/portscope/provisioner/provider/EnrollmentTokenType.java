package org.portscope.provisioner.provider;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code portscope:index:EnrollmentToken}: a token a node can enroll with by itself (zero-touch),
 * made by the provider and registered on the hub as a record the enrollment API checks
 * ({@link TokenRecord}: the hub keeps the secret's SHA-256, never the secret). Inputs: {@code hub},
 * {@code name}, {@code uses}, {@code ttl}. Outputs add {@code tokenId}, {@code token} (secret),
 * {@code expiresAt}. Another hub, name or lifetime is another token (replace); a new number of
 * uses rewrites the record. Delete revokes it (the record goes); refresh finds a revoked or
 * expired token gone.
 */
final class EnrollmentTokenType implements ResourceType {

    static final String TOKEN = "portscope:index:EnrollmentToken";
    private static final Set<String> INPUTS = Set.of("hub", "name", "uses", "ttl");
    private static final Set<String> REPLACE = Set.of("name", "ttl", "hub.institution", "hub.ssh.host", "hub.ssh.port");

    @Override
    public String token() {
        return TOKEN;
    }

    @Override
    public List<Inputs.Failure> check(Map<String, Object> news) {
        Inputs in = Inputs.of(news);
        TokenInputs.read(in);
        return in.failures();
    }

    @Override
    public Diff diff(Map<String, Object> olds, Map<String, Object> news) {
        List<String> changed = Changes.between(olds, news, INPUTS);
        List<String> replaces = changed.stream().filter(p -> Changes.under(p, REPLACE)).toList();
        List<String> updates = changed.stream().filter(p -> !Changes.under(p, REPLACE)).toList();
        return new Diff(replaces, updates, false);
    }

    @Override
    public Result create(String name, Map<String, Object> news, Operation op) {
        TokenInputs token = inputs(news);
        TokenRecord.Issued issued = TokenRecord.issue(op.configured().random(), token, Instant.now(),
                TokenRecord.pin(op.configured(), token.hub()));
        TokenRecord.write(op.configured(), token.hub(), issued.record());
        op.log().info(op.urn(), "enrollment token " + issued.record().id() + " registered on the hub, "
                + token.uses() + (token.uses() == 1 ? " use" : " uses") + ", expires " + issued.record().expiresAt());
        Map<String, Object> outputs = new LinkedHashMap<>(news);
        outputs.put("tokenId", issued.record().id());
        outputs.put("token", new PropertyValues.Secret(issued.token()));
        outputs.put("expiresAt", issued.record().expiresAt().toString());
        return new Result(issued.record().id(), outputs);
    }

    @Override
    public Result update(String id, Map<String, Object> olds, Map<String, Object> news, Operation op) {
        TokenInputs token = inputs(news);
        TokenRecord record = TokenRecord.read(op.configured(), token.hub(), id)
                .orElseThrow(() -> new ProviderException("enrollment token " + id + " is no longer on the hub"
                        + " (revoked or expired): run pulumi refresh, then pulumi up makes a new one"));
        TokenRecord.write(op.configured(), token.hub(), record.withUses(token.uses()));
        Map<String, Object> outputs = new LinkedHashMap<>(news);
        for (String computed : List.of("tokenId", "token", "expiresAt")) {
            outputs.put(computed, olds.get(computed));
        }
        return new Result(id, outputs);
    }

    @Override
    public Result read(String id, Map<String, Object> state, Operation op) {
        TokenInputs token = inputs(state);
        return TokenRecord.read(op.configured(), token.hub(), id)
                .filter(record -> record.expiresAt().isAfter(Instant.now()))
                .map(record -> new Result(id, state))
                .orElseGet(() -> new Result(null, state));
    }

    @Override
    public void delete(String id, Map<String, Object> olds, Operation op) {
        TokenRecord.revoke(op.configured(), inputs(olds).hub(), id);
    }

    private static TokenInputs inputs(Map<String, Object> properties) {
        Inputs in = Inputs.of(properties);
        TokenInputs token = TokenInputs.read(in);
        if (token == null) {
            throw new ProviderException("enrollment token inputs are not complete: " + in.failures());
        }
        return token;
    }
}
