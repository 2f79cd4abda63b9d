package org.portscope.provisioner.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Collects one stream of a channel. JSch closes a channel's streams when the channel closes, after
 * the exit status has arrived; {@link #awaitClose} turns that into an event to wait on, since JSch
 * itself offers only polling of {@code isClosed()}.
 */
final class ChannelOutput extends ByteArrayOutputStream {

    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public void close() {
        closed.countDown();
    }

    /** Waits for the channel to close; false when {@code timeout} passed first. */
    boolean awaitClose(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized String text() {
        return toString(StandardCharsets.UTF_8);
    }
}
