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
 * {@link KosmiMockInfo} parameter. For options in code, use {@link KosmiMockExtension#builder()} with
 * {@code @RegisterExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KosmiMockExtension.class)
public @interface KosmiMock {
    /** A fixture or HAR file to replay; empty for the built-in {@code kosmi-room.json}. */
    String fixture() default "";

    /** 1 = recorded timing, 0 = every frame at once. */
    double speed() default 1;

    /** Handshakes as strict as the real server's (Origin, subprotocol, issued token). */
    boolean strict() default false;

    /** Faults as {@code --fault} takes them, for example {@code "close-after=3"}. */
    String[] faults() default {};
}
