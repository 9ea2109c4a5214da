package dev.kosmirecorder.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An ordered list of headers. Order and case are kept because a handshake comparison shows them as sent. */
public record Headers(List<Header> list) {
    public static final Headers EMPTY = new Headers(List.of());

    public Headers {
        list = List.copyOf(list);
    }

    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs, got " + namesAndValues.length + " strings");
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(new Header(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new Headers(headers);
    }

    /** Headers from a map such as CDP's, where repeated headers are already joined with a newline. */
    public static Headers fromMap(Map<String, String> map) {
        List<Header> headers = new ArrayList<>();
        map.forEach((name, value) -> headers.add(new Header(name, value)));
        return new Headers(headers);
    }

    /** The first value of the named header, ignoring case. */
    public Optional<String> get(String name) {
        return list.stream().filter(h -> h.hasName(name)).map(Header::value).findFirst();
    }

    public boolean contains(String name) {
        return get(name).isPresent();
    }

    /** Name to value in order; repeated names are joined with a newline, the way Chrome reports them. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Header h : list) {
            map.merge(h.name(), h.value(), (a, b) -> a + "\n" + b);
        }
        return map;
    }

    public Headers with(String name, String value) {
        List<Header> headers = new ArrayList<>(list);
        headers.add(new Header(name, value));
        return new Headers(headers);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }
}
