package org.kmeansquantize.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** One run of the command line in this JVM, with its streams captured. */
final class CliRun {

	private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\": (null|\"[^\"]*\"|[-0-9.eE]+)");

	final int exit;
	final String out;
	final String err;

	private CliRun(final int exit, final String out, final String err) {
		this.exit = exit;
		this.out = out;
		this.err = err;
	}

	static CliRun of(final String... args) {
		final StringWriter out = new StringWriter(), err = new StringWriter();
		final CommandLine cl = Main.commandLine();
		cl.setOut(new PrintWriter(out));
		cl.setErr(new PrintWriter(err));
		final int exit = cl.execute(args);
		return new CliRun(exit, out.toString(), err.toString());
	}

	/** @return the lines written to stderr */
	String[] errLines() {
		return err.isEmpty() ? new String[0] : err.split("\r?\n");
	}

	/** @return the last line of stdout parsed as a flat JSON object of strings, numbers and nulls */
	static Map<String, String> json(final String stdout) {
		final String[] lines = stdout.trim().split("\r?\n");
		final String last = lines[lines.length - 1].trim();
		if (!last.startsWith("{") || !last.endsWith("}")) throw new AssertionError("not a JSON object: " + last);
		final Map<String, String> m = new LinkedHashMap<>();
		final Matcher matcher = FIELD.matcher(last);
		int end = 1;
		while (matcher.find()) {
			if (!last.substring(end, matcher.start()).matches("\\s*,?\\s*")) throw new AssertionError(
				"unexpected text in " + last);
			m.put(matcher.group(1), matcher.group(2));
			end = matcher.end();
		}
		if (!last.substring(end).matches("\\s*}")) throw new AssertionError("unexpected end of " + last);
		return m;
	}
}
