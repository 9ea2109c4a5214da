package dev.kosmirecorder.replayer.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Finds the recorded request that answers a client's request. The keys are tried in a fixed order: operation
 * name, then normalised query text, then root fields; the first key that finds any recording wins, and among
 * several the one with equal variables is preferred, else the first recorded.
 */
public final class OperationMatcher {
    private OperationMatcher() {
    }

    public static <T> Optional<T> match(List<T> recorded, Function<T, GraphQlRequest> requestOf, GraphQlRequest wanted) {
        if (wanted.operationName() != null) {
            Optional<T> byName = narrow(recorded, requestOf, wanted, r -> wanted.operationName().equals(r.operationName()));
            if (byName.isPresent()) {
                return byName;
            }
        }
        if (!wanted.normalizedQuery().isEmpty()) {
            Optional<T> byQuery = narrow(recorded, requestOf, wanted, r -> wanted.normalizedQuery().equals(r.normalizedQuery()));
            if (byQuery.isPresent()) {
                return byQuery;
            }
        }
        if (!wanted.rootFields().isEmpty()) {
            return narrow(recorded, requestOf, wanted, r -> wanted.rootFields().equals(r.rootFields()));
        }
        return Optional.empty();
    }

    private static <T> Optional<T> narrow(List<T> recorded, Function<T, GraphQlRequest> requestOf, GraphQlRequest wanted,
                                          Predicate<GraphQlRequest> key) {
        List<T> candidates = recorded.stream().filter(t -> key.test(requestOf.apply(t))).toList();
        return candidates.stream()
                .filter(t -> requestOf.apply(t).variables().equals(wanted.variables()))
                .findFirst()
                .or(() -> candidates.stream().findFirst());
    }
}
