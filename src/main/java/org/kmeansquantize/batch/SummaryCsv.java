package org.kmeansquantize.batch;

/**
 * The {@code summary.csv} of a folder run, the same from the command line and the Spark job: a
 * header line ({@link ReportSchema#SUMMARY_ROW}'s fields) and one line per input, fields as RFC 4180
 * has them (quoted where they hold a comma, a quote or a line break; empty for null and NaN,
 * {@code inf} for an infinite PSNR).
 */
public final class SummaryCsv {

	/** The header line, with its line break: the columns of {@link #row}. */
	public static final String HEADER = ReportSchema.SUMMARY_ROW.csvHeader();

	private SummaryCsv() {}

	/**
	 * Appends one line.
	 *
	 * @param sb receives the line, with its line break
	 * @param row a {@link ReportSchema#SUMMARY_ROW} report
	 * @throws IllegalArgumentException if {@code row} has another schema
	 */
	public static void row(final StringBuilder sb, final Report row) {
		if (row.schema() != ReportSchema.SUMMARY_ROW) throw new IllegalArgumentException("not a summary row: " + row
			.schema());
		boolean first = true;
		for (final Object v : row.values().values()) {
			if (!first) sb.append(',');
			first = false;
			sb.append(field(v));
		}
		sb.append('\n');
	}

	private static String field(final Object o) {
		if (o == null) return "";
		if (o instanceof Double) {
			final double d = (Double) o;
			return Double.isNaN(d) ? "" : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : Double.toString(d);
		}
		final String s = o.toString();
		if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
		return '"' + s.replace("\"", "\"\"") + '"';
	}
}
