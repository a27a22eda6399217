package org.kmeansquantize.cli;

import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.kmeansquantize.core.Threads;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code kmeans-quantize} command: dispatches to {@code compress}, {@code decompress},
 * {@code curve} and {@code palette}, and
 * turns every failure into one line on stderr: bad arguments exit with 2, failures while working
 * with 1.
 */
public final class Main implements Runnable {

	/** Exit status of a failure while working (bad arguments exit with picocli's 2). */
	public static final int EXIT_FAILURE = 1;

	/** The subcommands, in the order the help lists them. */
	private static final List<String> SUBCOMMANDS = Arrays.asList(CompressCommand.NAME, DecompressCommand.NAME,
		CurveCommand.NAME, PaletteCommand.NAME);

	private static final String CONVERTERS_EXCLUDES = "picocli.converters.excludes";

	private static final String DISABLE_CLOSURES = "picocli.disable.closures";

	private CommandSpec spec;

	/** Refuses to run without a subcommand. */
	@Override
	public void run() {
		throw new ParameterException(spec.commandLine(), "missing command: compress, decompress, curve or palette");
	}

	/**
	 * Runs the tool and exits with its status.
	 *
	 * @param args command-line arguments
	 */
	public static void main(final String[] args) {
		System.setProperty("java.awt.headless", "true");
		// No option takes a date, time or SQL type: picocli need not look up (and load) their classes.
		if (System.getProperty(CONVERTERS_EXCLUDES) == null) System.setProperty(CONVERTERS_EXCLUDES,
			"java\\.sql\\..*,java\\.time\\..*");
		// No option takes a Groovy closure: picocli need not look for Groovy's class, a search through
		// every jar on the class path.
		if (System.getProperty(DISABLE_CLOSURES) == null) System.setProperty(DISABLE_CLOSURES, "true");
		final int status = commandLine(args.length == 0 ? null : args[0]).execute(args);
		// On success the JVM may end by itself, as it does when main returns: System.exit would first
		// look for a logger of the exit (since Java 21), which scans the class path for logging
		// services, a few ms of a small image's run. Any other thread still running would keep the
		// JVM alive, so then it is stopped with System.exit as always.
		if (status != 0 || otherThreadsRunning()) System.exit(status);
	}

	/** @return whether a thread other than this one would keep the JVM from ending */
	private static boolean otherThreadsRunning() {
		ThreadGroup root = Thread.currentThread().getThreadGroup();
		while (root.getParent() != null)
			root = root.getParent();
		final Thread[] threads = new Thread[root.activeCount() + 16];
		final int n = root.enumerate(threads, true);
		for (int i = 0; i < n; i++)
			if (threads[i] != Thread.currentThread() && !threads[i].isDaemon() && threads[i].isAlive()) return true;
		return n == threads.length;
	}

	/**
	 * @return the command line, with handlers that report every error in one line on its error
	 *         writer; set its out and err writers to capture output
	 */
	public static CommandLine commandLine() {
		return commandLine(null);
	}

	/**
	 * @param first the first command-line argument, or null
	 * @return the command line as {@link #commandLine()}, but if {@code first} names a subcommand,
	 *         with only that one: the others cannot run, and building their models is start-up work
	 */
	static CommandLine commandLine(final String first) {
		final Main main = new Main();
		main.spec = Options.command(main, "kmeans-quantize", "Quantizes images with k-means: a codebook of at most " +
			"256 colours or levels and an 8-bit label image.").versionProvider(new Version());
		final CommandLine cl = new CommandLine(Options.addStandardHelp(main.spec));
		final boolean named = SUBCOMMANDS.contains(first);
		for (final String name : SUBCOMMANDS)
			if (!named || name.equals(first)) cl.addSubcommand(subcommand(name));
		cl.registerConverter(Path.class, Main::path);
		cl.setParameterExceptionHandler((ex, args) -> {
			final CommandLine cmd = ex.getCommandLine();
			cmd.getErr().println(name(cmd) + ": " + oneLine(ex.getMessage()) + " (see --help)");
			cmd.getErr().flush();
			return cmd.getCommandSpec().exitCodeOnInvalidInput();
		});
		// Errors (out of memory, a stack overflow) are not Exceptions: picocli would let them through
		final CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
		cl.setExecutionStrategy(parseResult -> {
			try {
				return Threads.call(Threads.processors(), () -> run.execute(parseResult));
			}
			catch (final Error e) {
				throw new CommandLine.ExecutionException(cl, "error", e);
			}
		});
		cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			cmd.getErr().println(name(cmd) + ": " + oneLine(named(input(cmd), message(ex))));
			cmd.getErr().flush();
			return EXIT_FAILURE;
		});
		return cl;
	}

	/** @return the command's IN as given, or null */
	private static String input(final CommandLine cmd) {
		final CommandLine.ParseResult r = cmd.getParseResult();
		if (r == null || r.matchedPositionals().isEmpty()) return null;
		final java.util.List<String> v = r.matchedPositionals().get(0).stringValues();
		return v.isEmpty() ? null : v.get(0);
	}

	/** @return the message, with IN put first unless it already names IN or OUT */
	static String named(final String input, final String message) {
		if (input == null || message.contains(input) || message.startsWith("cannot write ") || message.startsWith(
			"output ")) return message;
		return input + ": " + message;
	}

	/**
	 * @return the path, as picocli's own converter makes it, with its message for a string that
	 *         is no path; but without the reflective call by which picocli reaches {@code Paths.get}
	 *         (it still runs on Java 5), whose first use spins up method handles
	 */
	private static Path path(final String s) {
		try {
			return Paths.get(s);
		}
		catch (final InvalidPathException e) {
			throw new CommandLine.TypeConversionException(String.format("cannot convert '%s' to %s (%s)", s, Path.class,
				e));
		}
	}

	/** @return the model of the subcommand of that name, with a new command object behind it */
	private static CommandSpec subcommand(final String name) {
		switch (name) {
		case CompressCommand.NAME:
			return new CompressCommand().spec();
		case DecompressCommand.NAME:
			return new DecompressCommand().spec();
		case CurveCommand.NAME:
			return new CurveCommand().spec();
		case PaletteCommand.NAME:
			return new PaletteCommand().spec();
		default:
			throw new IllegalArgumentException("no subcommand " + name);
		}
	}

	private static String name(final CommandLine cmd) {
		return cmd.getCommandSpec().qualifiedName();
	}

	/**
	 * @return what went wrong, for the user: the message of an {@link java.io.IOException} or of a
	 *         refusal ({@link IllegalArgumentException}, {@link IllegalStateException}); for running
	 *         out of memory, what to do; for anything else (a bug) a sentence without the
	 *         exception's name or text, which are for developers
	 */
	static String message(final Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause())
			if (t instanceof OutOfMemoryError) return Reports.outOfMemory();
		final Throwable cause = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause()
			: ex;
		if (cause instanceof CancellationException) return "cancelled";
		if (cause instanceof UncheckedIOException && cause.getCause() != null) return message(cause.getCause());
		final String m = cause.getMessage();
		if (m != null && !m.trim().isEmpty() && (cause instanceof java.io.IOException ||
			cause instanceof IllegalArgumentException || cause instanceof IllegalStateException)) return m;
		return "cannot be processed: an internal error of kmeans-quantize (please report it with this file)";
	}

	private static String oneLine(final String s) {
		return s == null ? "" : s.trim().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
	}

	/** The version from the jar's manifest. */
	static final class Version implements IVersionProvider {

		/** @return {@code kmeans-quantize} and the jar's Implementation-Version */
		@Override
		public String[] getVersion() {
			final String v = Main.class.getPackage().getImplementationVersion();
			return new String[] { "kmeans-quantize " + (v == null ? "(development build)" : v) };
		}
	}
}
