package dev.kosmirecorder.cli;

import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, not a JVM exit: the command then ends in its own time, prints
 * what it did and exits 0. {@code sun.misc.Signal} is the JDK's supported way to do this (module jdk.unsupported).
 */
final class StopSignals {
    private StopSignals() {
    }

    /** Runs {@code stop} on the first Ctrl-C or SIGTERM; a second one exits at once with 130, for a stop that hangs. */
    static void onStop(Runnable stop) {
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (seen.incrementAndGet() == 1) {
                        stop.run();
                    } else {
                        System.exit(130);
                    }
                });
            } catch (IllegalArgumentException e) {
                // This platform does not have the signal (or the JVM reserves it): the shutdown hook still stops cleanly.
            }
        }
    }
}
