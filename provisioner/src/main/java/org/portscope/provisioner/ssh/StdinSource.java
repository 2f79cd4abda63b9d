package org.portscope.provisioner.ssh;

import java.io.IOException;
import java.io.InputStream;

/**
 * A command's standard input as JSch reads it on its own thread. JSch swallows a read error there
 * and then never sends end-of-file, which would leave the remote command waiting; this stream ends
 * instead and keeps the error, which the caller rethrows once the command is over.
 */
final class StdinSource extends InputStream {

    private final InputStream in;
    private volatile IOException failure;

    StdinSource(InputStream in) {
        this.in = in == null ? InputStream.nullInputStream() : in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (failure != null) {
            return -1;
        }
        try {
            return in.read(buffer, offset, length);
        } catch (IOException e) {
            failure = e;
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    void rethrowFailure(String node, String step) {
        if (failure != null) {
            throw new SshException(node + ": reading the local input of step '" + step + "' failed: "
                    + failure.getMessage(), failure);
        }
    }
}
