package dev.kosmirecorder.replayer.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the Kosmi mock on a free port for the annotated test class and stops it after; test methods take a
 * {@link KosmiMockInfo} parameter (URLs, journal, verification, push). The journal is emptied before each test.
 * For options in code, use {@link KosmiMockExtension#builder()} with {@code @RegisterExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KosmiMockExtension.class)
public @interface WithKosmiMock {
    /** A fixture or HAR file (Chrome's, mitmproxy's, or Playwright's {@code .har}/{@code .zip}); empty for the built-in room. */
    String fixture() default "";

    /** 1 = recorded timing, 0 = every frame at once. */
    double speed() default 1;

    /** Handshakes as strict as the real server's (Origin, subprotocol, issued token). */
    boolean strict() default false;

    /** Faults as {@code --fault} takes them, for example {@code "close-after=3"}. */
    String[] faults() default {};

    /**
     * Fail a test whose client started an operation (over WebSocket or {@code POST /}) that the capture does not
     * know, with an {@link AssertionError} naming it and the closest recorded operation.
     */
    boolean failOnUnknownOperations() default false;
}
