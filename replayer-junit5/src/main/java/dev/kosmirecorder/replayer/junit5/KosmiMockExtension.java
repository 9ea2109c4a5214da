package dev.kosmirecorder.replayer.junit5;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.CaptureFormatException;
import dev.kosmirecorder.core.format.FixtureCodec;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.replayer.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link dev.kosmirecorder.replayer.KosmiMock} on a free port once per test class and stops it after the
 * class; test methods (and lifecycle methods) get a {@link KosmiMockInfo} parameter with its URLs. Put
 * {@link KosmiMock @KosmiMock} on the class, or register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static KosmiMockExtension kosmi = KosmiMockExtension.builder().speed(0).build();
 *
 * @Test
 * void joinsTheRoom(KosmiMockInfo mock) { ... mock.wsUrl() ... }
 * }</pre>
 *
 * Without a fixture it replays the built-in {@code kosmi-room.json}.
 */
public final class KosmiMockExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KosmiMockExtension.class);

    /** Null when the options come from the class's {@link KosmiMock @KosmiMock}. */
    private final Builder options;
    private volatile dev.kosmirecorder.replayer.KosmiMock mock;

    /** For {@link KosmiMock @KosmiMock}: the options are read from the annotation. */
    public KosmiMockExtension() {
        this.options = null;
    }

    private KosmiMockExtension(Builder b) {
        this.options = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (mock != null) {
            return;
        }
        Builder b = options != null ? options : fromAnnotation(context.getRequiredTestClass());
        dev.kosmirecorder.replayer.KosmiMock started = dev.kosmirecorder.replayer.KosmiMock.builder().capture(b.capture.get())
                .speed(b.speed).strict(b.strict).faults(b.faults).start();
        mock = started;
        // JUnit's store closes the mock even when a later extension or the class setup fails.
        context.getStore(NAMESPACE).put("mock", started);
    }

    private static Builder fromAnnotation(Class<?> testClass) {
        KosmiMock annotation = testClass.getAnnotation(KosmiMock.class);
        Builder b = builder();
        if (annotation == null) {
            return b;
        }
        if (!annotation.fixture().isEmpty()) {
            b.fixture(Path.of(annotation.fixture()));
        }
        b.speed(annotation.speed()).strict(annotation.strict());
        for (String fault : annotation.faults()) {
            b.fault(fault);
        }
        return b;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (mock != null) {
            mock.close();
            mock = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KosmiMockInfo.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return info();
    }

    /** The running mock's URLs; fails when called outside the test class's lifetime. */
    public KosmiMockInfo info() {
        dev.kosmirecorder.replayer.KosmiMock mock = this.mock;
        if (mock == null) {
            throw new ParameterResolutionException("the Kosmi mock is not running: register KosmiMockExtension on a static "
                    + "field with @RegisterExtension, or put @KosmiMock on the class, so it starts before the tests");
        }
        return new KosmiMockInfo(mock.url(), mock.wsUrl(), mock.port());
    }

    /** Options: which capture, how fast, strict or not, which faults. */
    public static final class Builder {
        private Supplier<Capture> capture = BuiltInFixtures::kosmiRoom;
        private double speed = 1;
        private boolean strict;
        private final List<Fault> faults = new ArrayList<>();

        private Builder() {
        }

        public Builder capture(Capture v) {
            Objects.requireNonNull(v, "capture");
            capture = () -> v;
            return this;
        }

        /** A fixture file, read when the class starts. */
        public Builder fixture(Path file) {
            Objects.requireNonNull(file, "file");
            capture = () -> {
                try {
                    return FixtureCodec.read(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read fixture " + file + ": " + e.getMessage(), e);
                } catch (CaptureFormatException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            };
            return this;
        }

        /** A fixture shipped in the jar, such as {@code kosmi-room.json}. */
        public Builder builtInFixture(String name) {
            capture = () -> BuiltInFixtures.load(name);
            return this;
        }

        public Builder speed(double v) {
            speed = v;
            return this;
        }

        public Builder strict(boolean v) {
            strict = v;
            return this;
        }

        public Builder fault(String v) {
            faults.add(Fault.parse(v));
            return this;
        }

        public KosmiMockExtension build() {
            return new KosmiMockExtension(this);
        }
    }
}
