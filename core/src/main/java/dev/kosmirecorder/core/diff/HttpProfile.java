package dev.kosmirecorder.core.diff;

/**
 * The HTTP exchanges of one key ({@code AnonLogin} for a GraphQL POST, {@code GET host/path} otherwise): how many,
 * the statuses answered, and the shapes of the request's variables (or JSON body) and of the JSON response.
 */
public record HttpProfile(String key, long count, ValueSet statuses, Shape request, Shape response) {
}
