package org.portscope.provisioner.wireguard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A wg(8) / wg-quick(8) config read back: what {@code wg showconf} or {@code wg-quick strip}
 * print, or a rendered file. Keys are case-insensitive as in wg; list-valued keys (AllowedIPs,
 * Address, DNS) may be given on several lines or comma-separated and are returned split.
 *
 * @param iface the {@code [Interface]} section
 * @param peers the {@code [Peer]} sections in file order
 */
public record WgConfigFile(Section iface, List<Section> peers) {

    public WgConfigFile {
        Objects.requireNonNull(iface, "iface");
        peers = List.copyOf(peers);
    }

    /** Parses config text; a line outside a section or without '=' is an error naming its number. */
    public static WgConfigFile parse(String text) {
        Section iface = null;
        List<Section> peers = new ArrayList<>();
        Map<String, List<String>> current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int hash = lines[i].indexOf('#');
            String line = (hash < 0 ? lines[i] : lines[i].substring(0, hash)).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equalsIgnoreCase("[Interface]") || line.equalsIgnoreCase("[Peer]")) {
                current = new LinkedHashMap<>();
                Section section = new Section(current);
                if (line.equalsIgnoreCase("[Peer]")) {
                    peers.add(section);
                } else if (iface == null) {
                    iface = section;
                } else {
                    throw new IllegalArgumentException("line " + (i + 1) + ": a second [Interface]");
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0) {
                // Values may be secrets: name the line, do not quote it.
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'Key = value'"
                        + " inside an [Interface] or [Peer] section");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            current.computeIfAbsent(key, k -> new ArrayList<>()).add(line.substring(eq + 1).strip());
        }
        if (iface == null) {
            throw new IllegalArgumentException("no [Interface] section");
        }
        return new WgConfigFile(iface, peers);
    }

    /** The peer with this public key, or null. */
    public Section peer(WgPublicKey publicKey) {
        return peers.stream().filter(p -> publicKey.base64().equals(p.value("PublicKey")))
                .findFirst().orElse(null);
    }

    /** One section's settings. */
    public static final class Section {
        private final Map<String, List<String>> values;

        Section(Map<String, List<String>> values) {
            this.values = values;
        }

        /** The value of a single-valued key, or null when absent. */
        public String value(String key) {
            List<String> all = values.get(key.toLowerCase(Locale.ROOT));
            return all == null ? null : all.get(all.size() - 1);
        }

        /** Every item of a list-valued key, split at commas, in order; empty when absent. */
        public List<String> list(String key) {
            List<String> items = new ArrayList<>();
            for (String value : values.getOrDefault(key.toLowerCase(Locale.ROOT), List.of())) {
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
            }
            return Collections.unmodifiableList(items);
        }

        /** The keys present, lower case. */
        public List<String> keys() {
            return List.copyOf(values.keySet());
        }

        @Override
        public String toString() {
            return "Section" + keys(); // values may be secrets
        }
    }
}
