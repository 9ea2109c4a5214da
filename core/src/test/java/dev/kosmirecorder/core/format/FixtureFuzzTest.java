package dev.kosmirecorder.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kosmirecorder.testing.SyntheticKosmiRoom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated and random documents fed to the fixture reader: nothing but {@link CaptureFormatException} may escape
 * (mitmproxy's test_io fuzz, as STYLE.md §4 asks). Seeded, so a failure reproduces.
 */
@Timeout(300)
class FixtureFuzzTest {
    private static final long SEED = 20261122L;
    private static final int CASES = 12_000;
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "-1", "1e999", "0.0001",
            "\"\\u0000\"", "\"\\ud800\"", "99999999999999999999", "\"formatVersion\"", "\"payload\"", "\"seq\"", "\"t\"",
            "\"opcode\"", "\"binary\"", "\"text\"", "\"frames\"", "\"dir\"", "\"received\"", "\"startedAt\"", "\"!!\""};

    @Test
    void onlyCaptureFormatExceptionEscapesTheReader() {
        Random random = new Random(SEED);
        String valid = FixtureCodec.write(SyntheticKosmiRoom.kosmiRoom());
        String small = FixtureCodec.write(FixtureCodecTest.captureWithFrames(java.util.List.of("{\"type\":\"ka\"}", "x")));
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            String input = switch (i % 4) {
                case 0 -> mutate(valid, random);
                case 1 -> mutate(small, random);
                case 2 -> structural(small, random);
                default -> randomTokens(random);
            };
            try {
                FixtureCodec.read(input, "fuzz-" + i);
                accepted++;
            } catch (CaptureFormatException e) {
                assertThat(e.getMessage()).startsWith("fuzz-" + i);
                refused++;
            } catch (Throwable t) {
                throw new AssertionError("case " + i + " (seed " + SEED + ") escaped with " + t + "\ninput:\n"
                        + input.substring(0, Math.min(input.length(), 2000)), t);
            }
        }
        assertThat(accepted + refused).isEqualTo(CASES);
        // The mutations must exercise both sides of the reader, or this test proves nothing.
        assertThat(refused).isGreaterThan(CASES / 2);
        assertThat(accepted).isGreaterThan(50);
    }

    /** Byte-level damage: flip, delete, duplicate or insert characters. */
    private static String mutate(String s, Random random) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(5)) {
                case 0 -> sb.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 1 -> sb.deleteCharAt(at);
                case 2 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 3 -> sb.setLength(at);
                default -> {
                    int end = Math.min(sb.length(), at + random.nextInt(40));
                    sb.insert(at, sb.substring(at, end));
                }
            }
        }
        return sb.toString();
    }

    /** Value-level damage that keeps the JSON valid: swap one scalar for another type. */
    private static String structural(String s, Random random) {
        String[] replacements = {"null", "\"\"", "[]", "{}", "-5", "1.5", "true", "\"x\"", "9223372036854775808", "\"AAAA!\""};
        String[] fields = {"\"seq\": ", "\"t\": ", "\"opcode\": ", "\"dir\": ", "\"payload\": ", "\"status\": ", "\"id\": ",
                "\"startedAt\": ", "\"endedAt\": ", "\"closeCode\": ", "\"rejected\": ", "\"requestHeaders\": ", "\"attributes\": ",
                "\"formatVersion\": ", "\"frames\": ", "\"session\": "};
        String field = fields[random.nextInt(fields.length)];
        int at = s.indexOf(field);
        if (at < 0) {
            return s;
        }
        int valueStart = at + field.length();
        int valueEnd = valueStart;
        int depth = 0;
        boolean inString = false;
        for (; valueEnd < s.length(); valueEnd++) {
            char c = s.charAt(valueEnd);
            if (inString) {
                if (c == '\\') {
                    valueEnd++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        return s.substring(0, valueStart) + replacements[random.nextInt(replacements.length)] + s.substring(valueEnd);
    }

    private static String randomTokens(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(60);
        for (int i = 0; i < n; i++) {
            sb.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return sb.toString();
    }
}
