package org.kmeansquantize.ij1;

import ij.Macro;
import ij.util.Tools;

/**
 * An ImageJ 1 macro option string, e.g. {@code colors=8 seed=1 codebook=[my file.txt] reconstruct},
 * read the way ImageJ reads it ({@link Macro#getValue}): {@code key=value}, values with spaces in
 * square brackets. A boolean is true as {@code key=true} (what the SciJava recorder writes) or as
 * the bare keyword {@code key} (what a {@link ij.gui.GenericDialog} checkbox records), false as
 * {@code key=false} or when absent. Immutable.
 */
public final class MacroOptions {

	private final String options;

	/** @param options the option string, e.g. from {@link Macro#getOptions()} */
	public MacroOptions(final String options) {
		this.options = options == null ? "" : options;
	}

	/**
	 * @param key a macro key
	 * @param defaultValue value if the key is absent
	 * @return the key's value
	 */
	public String string(final String key, final String defaultValue) {
		return Macro.getValue(options, key, defaultValue);
	}

	/**
	 * @param key a macro key
	 * @param defaultValue value if the key is absent
	 * @return the key's value, a whole number within the int range
	 * @throws IllegalArgumentException if the value is no whole number
	 */
	public int integer(final String key, final int defaultValue) {
		final String v = string(key, null);
		if (v == null) return defaultValue;
		final long n = whole(key, v);
		if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw new IllegalArgumentException(key +
			" is out of range: " + v);
		return (int) n;
	}

	/**
	 * @param key a macro key
	 * @param defaultValue value if the key is absent
	 * @return the key's value, a whole number
	 * @throws IllegalArgumentException if the value is no whole number
	 */
	public long longInteger(final String key, final long defaultValue) {
		final String v = string(key, null);
		return v == null ? defaultValue : whole(key, v);
	}

	/**
	 * @param key a macro key
	 * @param defaultValue value if the key is absent
	 * @return the key's value
	 * @throws IllegalArgumentException if the value is no number
	 */
	public double number(final String key, final double defaultValue) {
		final String v = string(key, null);
		if (v == null) return defaultValue;
		final double d = Tools.parseDouble(v.trim(), Double.NaN);
		if (Double.isNaN(d)) throw new IllegalArgumentException(key + " must be a number, not '" + v + "'");
		return d;
	}

	/**
	 * @param key a macro key
	 * @return true for {@code key=true} or the bare keyword, false for {@code key=false} or absence
	 * @throws IllegalArgumentException for another value
	 */
	public boolean flag(final String key) {
		final String v = string(key, null);
		if (v != null) {
			if ("true".equalsIgnoreCase(v.trim())) return true;
			if ("false".equalsIgnoreCase(v.trim())) return false;
			throw new IllegalArgumentException(key + " must be true or false, not '" + v + "'");
		}
		return hasKeyword(key);
	}

	/**
	 * @param key a macro key
	 * @param text its value as typed
	 * @return the value as a whole number ({@code 8} and {@code 8.0} both give 8)
	 * @throws IllegalArgumentException if it is no whole number
	 */
	static long whole(final String key, final String text) {
		final String t = text.trim();
		if (t.matches("[-+]?\\d+")) {
			try {
				return Long.parseLong(t);
			}
			catch (final NumberFormatException e) {
				throw new IllegalArgumentException(key + " is out of range: " + text);
			}
		}
		final double d = Tools.parseDouble(t, Double.NaN);
		if (d == Math.rint(d) && Math.abs(d) <= 0x1p53) return (long) d;
		throw new IllegalArgumentException(key + " must be a whole number, not '" + text + "'");
	}

	/** Whether {@code key} stands alone as a word outside any [bracketed] value. */
	private boolean hasKeyword(final String key) {
		int depth = 0;
		int start = -1;
		for (int i = 0; i <= options.length(); i++) {
			final char c = i < options.length() ? options.charAt(i) : ' ';
			if (c == '[') depth++;
			else if (c == ']' && depth > 0) depth--;
			if (depth > 0) {
				start = -1;
				continue;
			}
			if (Character.isWhitespace(c)) {
				if (start >= 0 && options.substring(start, i).equalsIgnoreCase(key)) return true;
				start = -1;
			}
			else if (start < 0 && c != ']') start = i;
		}
		return false;
	}
}
