package dev.kosmirecorder.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for the numbers the commands take, each checking its range, so a bad value is a usage error (exit 2). */
final class Values {
    private Values() {
    }

    /** A TCP port: 0 (any free port) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = whole(value);
            if (n < 0 || n > 65_535) {
                throw new TypeConversionException(value.strip() + " is not a port; use 0 to 65535 (0 = any free port)");
            }
            return (int) n;
        }
    }

    /** A replay speed: 1 = recorded timing, 0 = as fast as possible, any other number >= 0 scales time. */
    static final class Speed implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number; use 1 for recorded timing or 0 for as fast as possible");
            }
            if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
                throw new TypeConversionException(value.strip() + " is not a speed; use a number >= 0 (1 = recorded timing, 0 = as fast as possible)");
            }
            return d;
        }
    }

    /** A count or size of at least 1. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = whole(value);
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new TypeConversionException(value.strip() + " is out of range; use a whole number from 1 to " + Integer.MAX_VALUE);
            }
            return (int) n;
        }
    }

    static long whole(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }
}
