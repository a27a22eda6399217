package org.kmeansquantize.batch;

/**
 * The {@code summary.csv} of a folder run, the same from the command line and the Spark job: a
 * header line and one line per input, fields as RFC 4180 has them (quoted where they hold a comma,
 * a quote or a line break; empty for null and NaN).
 */
public final class SummaryCsv {

	/** The header line, with its line break: the columns of {@link #row}. */
	public static final String HEADER =
		"file,output,status,type,k,entries,colors,pixels,mse,psnr,input_bytes,output_bytes,seconds,error\n";

	private SummaryCsv() {}

	/**
	 * Appends one line.
	 *
	 * @param sb receives the line, with its line break
	 * @param fields the {@link #HEADER}'s columns in order: numbers, strings, paths or null
	 */
	public static void row(final StringBuilder sb, final Object... fields) {
		for (int i = 0; i < fields.length; i++) {
			if (i > 0) sb.append(',');
			sb.append(field(fields[i]));
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
