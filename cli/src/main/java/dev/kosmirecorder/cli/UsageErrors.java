package dev.kosmirecorder.cli;

import java.io.PrintWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A usage error is one sentence and a hint, as git and docker print it, never the whole help: the help is one
 * {@code --help} away and 40 lines of it bury the sentence that matters. Exit code 2.
 */
final class UsageErrors implements IParameterExceptionHandler {
    private static final Pattern INVALID_VALUE = Pattern.compile(
            "Invalid value for (?:option|positional parameter at index \\d+) \\('?([^':)]+)'?\\)?: (.*)", Pattern.DOTALL);
    private static final Pattern INVALID_OPTION = Pattern.compile("Invalid value for option '([^']+)': (.*)", Pattern.DOTALL);

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("kosmi-recorder: " + sentence(e));
        err.println(hint(cli));
        err.flush();
        return ExitCodes.USAGE;
    }

    static String hint(CommandLine cli) {
        String path = cli.getCommandSpec().qualifiedName();
        String command = path.equals("kosmi-recorder") ? "kosmi-recorder COMMAND --help" : path + " --help";
        return "Run '" + command + "' for the options and examples.";
    }

    /** Picocli's message, reworded where it speaks Java ("is not an int") rather than the user's language. */
    static String sentence(ParameterException e) {
        String message = e.getMessage() == null ? "bad usage" : e.getMessage().strip();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            String suggestion = u.getSuggestions().isEmpty() ? "" : "; did you mean " + u.getSuggestions().get(0) + "?";
            return (first.startsWith("-") ? "unknown option " : "unexpected argument ") + "'" + first + "'" + suggestion;
        }
        Matcher option = INVALID_OPTION.matcher(message);
        if (option.matches()) {
            return option.group(1) + ": " + human(option.group(2));
        }
        Matcher value = INVALID_VALUE.matcher(message);
        if (value.matches()) {
            return value.group(1).strip() + ": " + human(value.group(2));
        }
        String oneLine = message.replaceAll("\\s*\\R\\s*", " ");
        return oneLine.isEmpty() ? oneLine : Character.toLowerCase(oneLine.charAt(0)) + oneLine.substring(1);
    }

    private static String human(String reason) {
        return reason.replaceAll("'(.*)' is not an? (int|long)", "'$1' is not a whole number")
                .replaceAll("'(.*)' is not an? (double|float)", "'$1' is not a number")
                .replaceAll("\\s*\\R\\s*", " ");
    }
}
