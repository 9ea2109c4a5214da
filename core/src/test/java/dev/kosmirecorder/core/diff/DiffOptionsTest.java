package dev.kosmirecorder.core.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiffOptionsTest {
    @Test
    void aPathIgnoresItselfAndWhatIsBelowItButNotItsNamesakes() {
        DiffOptions o = new DiffOptions(List.of("connection.init.v", "operations.RoomChatQuery.result.data.chatArchive.results"));

        assertThat(o.ignores("connection.init.v")).isTrue();
        assertThat(o.ignores("connection.init.vx")).isFalse();
        assertThat(o.ignores("operations.RoomChatQuery.result.data.chatArchive.results[].user")).isTrue();
        assertThat(o.ignores("operations.RoomChatQuery.result.data.chatArchive.resultsCount")).isFalse();
        assertThat(o.ignores("handshake.request.origin")).isFalse();
    }

    @Test
    void oneStarStaysInASegmentTwoCrossThem() {
        DiffOptions one = new DiffOptions(List.of("operations.*.result.data.user"));
        DiffOptions two = new DiffOptions(List.of("operations.**.avatarUrl"));

        assertThat(one.ignores("operations.JoinRoom.result.data.user.id")).isTrue();
        assertThat(one.ignores("operations.JoinRoom.variables.x.result.data.user")).isFalse();
        assertThat(two.ignores("operations.ExtendedCurrentUserQuery.result.data.currentUser.user.avatarUrl")).isTrue();
    }

    @Test
    void headerPathsMatchWhateverTheCase() {
        assertThat(new DiffOptions(List.of("handshake.request.User-Agent")).ignores("handshake.request.user-agent")).isTrue();
    }

    @Test
    void anEmptyPathIsRefusedWithAnExample() {
        assertThatThrownBy(() -> new DiffOptions(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an --ignore path is empty; give a path such as handshake.request.user-agent");
    }
}
