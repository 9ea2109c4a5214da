package dev.kosmirecorder.replayer.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** @Nested classes share their outer class's mock: ending one does not stop it for the next (JUnit runs them after the outer tests). */
@WithKosmiMock(speed = 0)
@Timeout(60)
class NestedClassesTest {
    static int outerPort;

    @Test
    void outerTestGetsTheMock(KosmiMockInfo mock) {
        outerPort = mock.port();
    }

    @Nested
    class First {
        @Test
        void getsTheOuterMock(KosmiMockInfo mock) throws Exception {
            assertSameRunningMock(mock);
        }
    }

    @Nested
    class Second {
        @Test
        void stillGetsTheOuterMock(KosmiMockInfo mock) throws Exception {
            assertSameRunningMock(mock);
        }
    }

    static void assertSameRunningMock(KosmiMockInfo mock) throws Exception {
        assertThat(mock.port()).isEqualTo(outerPort);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(mock.url("/__admin/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }
}
