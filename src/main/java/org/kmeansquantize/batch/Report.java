package org.kmeansquantize.batch;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one operation did, as the named values of its {@link ReportSchema}, in the schema's order:
 * the command line's {@code --json} line, a row of {@code summary.csv} ({@link SummaryCsv}), the
 * Spark job's summary. Values are {@link String}, {@link Number}, {@link Boolean}, a {@link List}
 * of these, or null (unknown or undefined). A compress report may also carry a
 * {@linkplain #note() note}. Not thread-safe; {@link Serializable} (the Spark job sends rows
 * from its executors).
 */
public final class Report implements Serializable {

	private static final long serialVersionUID = 1L;

	private final ReportSchema schema;
	private final EnumMap<ReportField, Object> values = new EnumMap<>(ReportField.class);
	private String note;

	/** @param schema the fields this report has */
	public Report(final ReportSchema schema) {
		this.schema = schema;
	}

	/** @return its schema */
	public ReportSchema schema() {
		return schema;
	}

	/**
	 * @param field one of the schema's fields
	 * @param value its value (see the class description); lists are copied
	 * @return this report
	 * @throws IllegalArgumentException if the schema has no such field
	 */
	public Report put(final ReportField field, final Object value) {
		if (!schema.fields().contains(field)) throw new IllegalArgumentException(schema + " reports have no " + field
			.key());
		values.put(field, value instanceof List ? Collections.unmodifiableList(new ArrayList<>((List<?>) value))
			: value);
		return this;
	}

	/**
	 * @param field a field
	 * @return its value, or null if unknown or not set
	 */
	public Object get(final ReportField field) {
		return values.get(field);
	}

	/**
	 * @return the values by name in the schema's order: every field, null where not set, but the
	 *         optional ones only when set (unmodifiable)
	 */
	public Map<String, Object> values() {
		final Map<String, Object> m = new LinkedHashMap<>();
		for (final ReportField f : schema.fields())
			if (!schema.isOptional(f) || values.containsKey(f)) m.put(f.key(), values.get(f));
		return Collections.unmodifiableMap(m);
	}

	/**
	 * @return for compress, if the codebook has fewer entries than asked for (a valid result), one
	 *         line that says so and why, e.g. {@code the image has only 3 distinct values; 3 of 16
	 *         entries used}; otherwise null
	 */
	public String note() {
		return note;
	}

	/** @param note see {@link #note()} */
	void note(final String note) {
		this.note = note;
	}

	/**
	 * @return the values as one JSON object on one line ({@link #values()}): numbers as Java
	 *         writes them, non-finite numbers as null, strings with {@code "}, {@code \} and control
	 *         characters escaped, other characters (any Unicode) as they are
	 */
	public String json() {
		return json(values());
	}

	/**
	 * The JSON writer of {@link #json()}, for output that is no report (a benchmark's line).
	 *
	 * @param values names and values as in the class description, in the order to write
	 * @return one JSON object on one line
	 */
	public static String json(final Map<String, ?> values) {
		final StringBuilder sb = new StringBuilder("{");
		for (final Map.Entry<String, ?> e : values.entrySet()) {
			if (sb.length() > 1) sb.append(", ");
			string(sb, e.getKey());
			sb.append(": ");
			value(sb, e.getValue());
		}
		return sb.append('}').toString();
	}

	private static void value(final StringBuilder sb, final Object v) {
		if (v == null) sb.append("null");
		else if (v instanceof Double || v instanceof Float) {
			final double d = ((Number) v).doubleValue();
			sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
		}
		else if (v instanceof Number || v instanceof Boolean) sb.append(v);
		else if (v instanceof List) {
			sb.append('[');
			boolean first = true;
			for (final Object o : (List<?>) v) {
				if (!first) sb.append(", ");
				first = false;
				value(sb, o);
			}
			sb.append(']');
		}
		else string(sb, v.toString());
	}

	private static void string(final StringBuilder sb, final String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			final char c = s.charAt(i);
			if (c == '"' || c == '\\') sb.append('\\').append(c);
			else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
			else sb.append(c);
		}
		sb.append('"');
	}
}
