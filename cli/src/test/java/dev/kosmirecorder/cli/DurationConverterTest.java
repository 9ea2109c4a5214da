package dev.kosmirecorder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void acceptsTheSpecsForms() {
        assertThat(converter.convert("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesAnythingElseWithTheFormsItTakes() {
        assertThatThrownBy(() -> converter.convert("2 minutes")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'2 minutes' is not a duration; write it as 90, 90s, 2m, 1h or 500ms");
        assertThatThrownBy(() -> converter.convert("-1s")).isInstanceOf(TypeConversionException.class);
    }
}
