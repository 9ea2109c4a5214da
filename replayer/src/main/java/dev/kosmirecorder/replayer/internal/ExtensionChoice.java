package dev.kosmirecorder.replayer.internal;

import dev.kosmirecorder.replayer.ExtensionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.websocket.api.ExtensionConfig;

/**
 * The extensions one upgrade accepts under an {@link ExtensionPolicy}: the recorded ones the client also offered,
 * none, or Jetty's own negotiation. Jetty then answers each accepted extension with the parameters it implements.
 */
final class ExtensionChoice {
    private ExtensionChoice() {
    }

    /** The extensions to accept, or empty to leave Jetty's negotiation as it is. */
    static Optional<List<ExtensionConfig>> choose(ExtensionPolicy policy, Optional<String> recorded, List<ExtensionConfig> offered) {
        return switch (policy) {
            case PERMESSAGE_DEFLATE -> Optional.empty();
            case NONE -> Optional.of(List.of());
            case RECORDED -> Optional.of(recordedAndOffered(recorded.orElse(""), offered));
        };
    }

    private static List<ExtensionConfig> recordedAndOffered(String recorded, List<ExtensionConfig> offered) {
        List<ExtensionConfig> accepted = new ArrayList<>();
        for (String part : recorded.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            ExtensionConfig config;
            try {
                config = ExtensionConfig.parse(part.strip());
            } catch (RuntimeException e) {
                continue; // a recorded header the parser cannot read is not one to answer with
            }
            if (offered.stream().anyMatch(o -> o.getName().equalsIgnoreCase(config.getName()))) {
                accepted.add(config);
            }
        }
        return accepted;
    }
}
