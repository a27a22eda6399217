package org.kmeansquantize.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import org.kmeansquantize.batch.Report;
import org.kmeansquantize.batch.ReportField;
import org.kmeansquantize.io.ImageFiles;

/** Runs a file operation and prints its report, for {@code compress} and {@code decompress}. */
final class Reports {

	private Reports() {}

	/**
	 * {@link String#format} without localisation: the digits and decimal point of
	 * {@link Locale#ROOT}, but Java 25's {@code Formatter} looks those up in the JDK's locale data
	 * for any non-null locale, which loads its locale providers and scans the class path for more:
	 * about 8 ms of a small image's run, a tenth of it with the launcher.
	 */
	static String format(final String format, final Object... args) {
		return String.format((Locale) null, format, args);
	}

	/** A file operation. */
	interface Operation {

		/**
		 * @return its report
		 * @throws IOException if it fails
		 */
		Report run() throws IOException;
	}

	/**
	 * @param spec the command, for the error
	 * @param output the output file
	 * @throws ParameterException (a usage error) if its extension names no format we write
	 */
	static void checkOutputName(final CommandSpec spec, final Path output) {
		try {
			ImageFiles.outputFormat(output);
		}
		catch (final IllegalArgumentException e) {
			throw new ParameterException(spec.commandLine(), e.getMessage());
		}
	}

	/**
	 * @param op the operation
	 * @return its report
	 * @throws IOException if it fails, also when the JVM runs out of memory
	 */
	static Report run(final Operation op) throws IOException {
		try {
			return op.run();
		}
		catch (final OutOfMemoryError e) {
			throw new IOException(outOfMemory());
		}
	}

	/** @return what to tell a user whose image does not fit in the JVM's memory */
	static String outOfMemory() {
		return "not enough memory for this image (Java may use " + Runtime.getRuntime().maxMemory() / (1 << 20) +
			" MiB); give it more, e.g. java -Xmx8g -jar ...";
	}

	/**
	 * Prints the report's note, if it has one, as one line on the command's error writer, so that
	 * standard output stays the report alone.
	 *
	 * @param cl the command
	 * @param r the report
	 */
	static void note(final CommandLine cl, final Report r) {
		if (r.note() == null) return;
		cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": note: " + r.note());
		cl.getErr().flush();
	}

	/**
	 * Prints, for compress with a target PSNR, one line on the error writer when even the largest k
	 * fell short of it.
	 *
	 * @param cl the command
	 * @param r the report
	 */
	static void targetNote(final CommandLine cl, final Report r) {
		final Object target = r.get(ReportField.TARGET_PSNR), reached = r.get(ReportField.REACHED_PSNR);
		if (target == null || reached == null || (Double) reached >= (Double) target) return;
		cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": note: no k reaches PSNR " + target +
			" dB; k = " + r.get(ReportField.K) + " gives " + format("%.2f", (Double) reached) + " dB");
		cl.getErr().flush();
	}

	/**
	 * Prints the report: as one JSON line, or as one line for people.
	 *
	 * @param out standard output
	 * @param r the report
	 * @param in the input file
	 * @param output the output file
	 * @param json whether to print JSON
	 */
	static void print(final PrintWriter out, final Report r, final Path in, final Path output,
		final boolean json)
	{
		if (json) out.println(r.json());
		else {
			final StringBuilder sb = new StringBuilder();
			sb.append(in).append(" -> ").append(output).append(": ");
			if (r.get(ReportField.TARGET_PSNR) != null) sb.append("k = ").append(r.get(ReportField.K)).append(" for PSNR ").append(r.get(ReportField.TARGET_PSNR)).append(" dB: ");
			sb.append(r.get(ReportField.COLORS)).append(" of ").append(r.get(ReportField.ENTRIES)).append(" codebook entries used");
			if (r.get(ReportField.MSE) != null) sb.append(format(", MSE %.4g", (Double) r.get(ReportField.MSE)));
			if (r.get(ReportField.PSNR) != null) sb.append(format(", PSNR %.2f dB", (Double) r.get(ReportField.PSNR)));
			sb.append(format(", %d -> %d bytes, %.2f s", (Long) r.get(ReportField.INPUT_BYTES), (Long) r.get(ReportField.OUTPUT_BYTES), (Double) r.get(ReportField.TOTAL_SECONDS)));
			out.println(sb);
		}
		out.flush();
	}
}
