package org.kmeansquantize.cli;

import java.util.List;
import java.util.Map;

/** One JSON object on one line, from named strings, numbers and nulls. */
final class JsonLine {

	private JsonLine() {}

	/**
	 * @param values names and values: {@link String}, {@link Number}, {@link Boolean}, null, or a
	 *          {@link List} of these;
	 *          non-finite numbers become null
	 * @return the object, without line breaks
	 */
	static String of(final Map<String, ?> values) {
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
