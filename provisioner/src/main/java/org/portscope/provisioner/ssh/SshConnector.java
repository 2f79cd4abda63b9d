package org.portscope.provisioner.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Optional;

/** Opens a JSch session for a target: host key policy, client key, timeouts, keepalive. */
final class SshConnector {

    /** Client signature algorithms: RSA keys sign with SHA-2 only, never ssh-rsa (SHA-1). */
    static final String PUBKEY_ALGORITHMS =
            "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256";

    private SshConnector() {
    }

    /** An open session and the host key it recorded on first use, if any. */
    record Connection(Session session, Optional<SshPublicKey> recordedHostKey) {
    }

    static Connection connect(SshTarget target, SshOptions options) {
        JSch jsch = new JSch();
        addIdentity(jsch, target);
        HostKeyVerifier verifier = new HostKeyVerifier(target);
        jsch.setHostKeyRepository(verifier);
        Session session;
        try {
            session = jsch.getSession(target.user(), target.host(), target.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("server_host_key", verifier.algorithms());
            session.setConfig("prefer_known_host_key_types", "no");
            session.setConfig("PubkeyAcceptedAlgorithms", PUBKEY_ALGORITHMS);
            session.setConfig("PreferredAuthentications", "publickey");
            session.setServerAliveInterval((int) options.keepaliveInterval().toMillis());
            session.setServerAliveCountMax(options.keepaliveCountMax());
        } catch (JSchException e) {
            throw new SshException("cannot set up an SSH session to " + target.describe() + ": " + e.getMessage(), e);
        }
        try {
            session.connect((int) options.connectTimeout().toMillis());
            return new Connection(session, verifier.recorded());
        } catch (JSchException | RuntimeException e) {
            session.disconnect();
            if (verifier.mismatch().isPresent()) {
                HostKeyMismatchException mismatch = verifier.mismatch().get();
                mismatch.initCause(e);
                throw mismatch;
            }
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
                throw new SshException(target.describe() + " refused the key " + target.auth().privateKey()
                        + " (is its public key in the user's authorized_keys?)", e);
            }
            throw new SshException("cannot connect to " + target.describe() + ": " + message, e);
        }
    }

    private static void addIdentity(JSch jsch, SshTarget target) {
        SshAuth auth = target.auth();
        String path = auth.privateKey().toString();
        if (!Files.isReadable(auth.privateKey())) {
            throw new SshException("private key " + path + " for " + target.describe() + " is missing or unreadable");
        }
        boolean encrypted;
        try {
            KeyPair pair = KeyPair.load(jsch, path);
            encrypted = pair.isEncrypted();
            pair.dispose();
        } catch (JSchException e) {
            throw new SshException("private key " + path + " for " + target.describe()
                    + " is not a key JSch can read (OpenSSH or PEM format expected): " + e.getMessage(), e);
        }
        if (encrypted && auth.passphrase() == null) {
            throw new SshException("private key " + path + " for " + target.describe()
                    + " is encrypted and no passphrase was given");
        }
        byte[] passphrase = auth.passphraseIfAny().map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(null);
        try {
            jsch.addIdentity(path, passphrase);
        } catch (JSchException e) {
            // JSch's message here never contains the passphrase; ours names only the file
            throw new SshException(encrypted
                    ? "the passphrase given for private key " + path + " (" + target.describe() + ") does not decrypt it"
                    : "cannot use private key " + path + " for " + target.describe() + ": " + e.getMessage(), e);
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, (byte) 0);
            }
        }
    }
}
