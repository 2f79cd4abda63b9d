package org.portscope.provisioner.provider;

import java.util.HashMap;
import java.util.Map;

/**
 * The provider's hub sessions, one per hub's inputs, opened on first use (which reads the hub's
 * peers) and closed when the provider is configured anew or ends.
 */
final class HubSessions implements AutoCloseable {

    private final Map<HubInputs, HubSession> sessions = new HashMap<>();

    synchronized HubSession session(Configured configured, HubInputs hub) {
        HubSession session = sessions.get(hub);
        if (session == null) {
            session = HubSession.open(configured, hub);
            sessions.put(hub, session);
        }
        return session;
    }

    /** The hub is gone: the next use reads it afresh. */
    synchronized void forget(HubInputs hub) {
        HubSession session = sessions.remove(hub);
        if (session != null) {
            session.close();
        }
    }

    @Override
    public synchronized void close() {
        sessions.values().forEach(HubSession::close);
        sessions.clear();
    }
}
