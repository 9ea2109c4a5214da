package dev.kosmirecorder.replayer.junit5;

import dev.kosmirecorder.core.format.BuiltInFixtures;
import dev.kosmirecorder.core.format.CaptureFiles;
import dev.kosmirecorder.core.format.CaptureFormatException;
import dev.kosmirecorder.core.model.Capture;
import dev.kosmirecorder.replayer.Fault;
import dev.kosmirecorder.replayer.KosmiMock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs a {@link KosmiMock} for a test class: started on a free port before the first test (or before each test when
 * registered on an instance field), its journal emptied before each test, stopped after. Test and lifecycle methods
 * get a {@link KosmiMockInfo} parameter. Put {@link WithKosmiMock @WithKosmiMock} on the class, or register it:
 *
 * <pre>{@code
 * @RegisterExtension
 * static KosmiMockExtension kosmi = KosmiMockExtension.builder().speed(0).failOnUnknownOperations(true).build();
 *
 * @Test
 * void answersHello() {
 *     bot.connect(kosmi.info().wsUrl());
 *     kosmi.info().push("NewMessageSubscription", "{\"data\":{\"newMessage\":{\"body\":\"hello\"}}}");
 *     kosmi.info().verify(sent("SendMessage").withVariable("body", "hi"));
 * }
 * }</pre>
 *
 * Without a fixture it replays the built-in {@code kosmi-room.json}.
 */
public final class KosmiMockExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback,
        ParameterResolver {

    /** Null when the options come from the class's {@link WithKosmiMock @WithKosmiMock}. */
    private final Builder options;
    private volatile KosmiMock mock;
    private volatile boolean perTest;
    private volatile boolean failOnUnknownOperations;
    /** The class context that started the mock: a @Nested class's afterAll must not stop its outer class's mock. */
    private volatile String startedBy;

    /** For {@link WithKosmiMock @WithKosmiMock}: the options are read from the annotation. */
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
        if (mock == null) {
            start(context);
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (mock == null) {
            // Registered on an instance field: beforeAll never ran, so the mock lives for one test.
            start(context);
            perTest = true;
        }
        mock.admin().clearJournal();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        KosmiMock running = mock;
        try {
            if (running != null && failOnUnknownOperations) {
                UnknownOperations.check(running.admin());
            }
        } finally {
            if (perTest) {
                stop();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(startedBy)) {
            stop();
        }
    }

    private void start(ExtensionContext context) {
        Builder b = options != null ? options : fromAnnotation(context.getRequiredTestClass());
        failOnUnknownOperations = b.failOnUnknownOperations;
        mock = KosmiMock.builder().capture(b.capture.get()).speed(b.speed).strict(b.strict).faults(b.faults).start();
    }

    private void stop() {
        KosmiMock running = mock;
        mock = null;
        perTest = false;
        startedBy = null;
        if (running != null) {
            running.close();
        }
    }

    private static Builder fromAnnotation(Class<?> testClass) {
        WithKosmiMock annotation = testClass.getAnnotation(WithKosmiMock.class);
        Builder b = builder();
        if (annotation == null) {
            return b;
        }
        if (!annotation.fixture().isEmpty()) {
            b.fixture(Path.of(annotation.fixture()));
        }
        b.speed(annotation.speed()).strict(annotation.strict()).failOnUnknownOperations(annotation.failOnUnknownOperations());
        for (String fault : annotation.faults()) {
            b.fault(fault);
        }
        return b;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KosmiMockInfo.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return info();
    }

    /** The running mock: URLs, journal, verification and push; fails outside the test class's lifetime. */
    public KosmiMockInfo info() {
        KosmiMock running = mock;
        if (running == null) {
            throw new ParameterResolutionException("the Kosmi mock is not running: register KosmiMockExtension with "
                    + "@RegisterExtension, or put @WithKosmiMock on the class, and use it from a test or lifecycle method");
        }
        return new KosmiMockInfo(running);
    }

    @Override
    public String toString() {
        return "KosmiMockExtension{" + (mock == null ? "not running" : mock) + "}";
    }

    /** Options: which capture, how fast, strict or not, which faults, and whether unknown operations fail a test. */
    public static final class Builder {
        private Supplier<Capture> capture = BuiltInFixtures::kosmiRoom;
        private double speed = 1;
        private boolean strict;
        private boolean failOnUnknownOperations;
        private final List<Fault> faults = new ArrayList<>();

        private Builder() {
        }

        public Builder capture(Capture v) {
            Objects.requireNonNull(v, "capture");
            capture = () -> v;
            return this;
        }

        /** A fixture or HAR file ({@code .json}, {@code .har}, or Playwright's {@code .zip}), read when the mock starts. */
        public Builder fixture(Path file) {
            Objects.requireNonNull(file, "file");
            capture = () -> {
                try {
                    return CaptureFiles.read(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read fixture " + file.toAbsolutePath() + ": " + e.getMessage(), e);
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

        /**
         * Fail a test whose client started an operation the capture does not know, with an {@link AssertionError}
         * naming it and the closest recorded operation (checked after each test).
         */
        public Builder failOnUnknownOperations(boolean v) {
            failOnUnknownOperations = v;
            return this;
        }

        public KosmiMockExtension build() {
            return new KosmiMockExtension(this);
        }
    }
}
