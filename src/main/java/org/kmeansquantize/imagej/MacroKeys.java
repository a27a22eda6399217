package org.kmeansquantize.imagej;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The keys of an ImageJ macro option string ({@code colors=8 reconstruct codebook=[a b.tif]}):
 * every {@code key=value} and every bare keyword, outside [bracketed] values. Front ends use it to
 * name a misspelt key ({@code colours=8}), which ImageJ would otherwise ignore without a word.
 * Stateless.
 */
public final class MacroKeys {

	/** Keys that Fiji's recorder or ImageJ add by themselves, never an error. */
	private static final List<String> IMPLICIT = List.of("imp");

	private MacroKeys() {}

	/**
	 * @param options a macro option string, or null
	 * @return its keys in order, lower-cased
	 */
	public static List<String> keys(final String options) {
		final List<String> keys = new ArrayList<>();
		if (options == null) return keys;
		final String s = options;
		int i = 0;
		while (i < s.length()) {
			while (i < s.length() && Character.isWhitespace(s.charAt(i)))
				i++;
			if (i >= s.length()) break;
			final int start = i;
			while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '=')
				i++;
			keys.add(s.substring(start, i).toLowerCase(Locale.ROOT));
			if (i < s.length() && s.charAt(i) == '=') {
				i++;
				if (i < s.length() && s.charAt(i) == '[') {
					final int close = s.indexOf(']', i);
					i = close < 0 ? s.length() : close + 1;
				}
				else while (i < s.length() && !Character.isWhitespace(s.charAt(i)))
					i++;
			}
		}
		return keys;
	}

	/**
	 * @param options a macro option string, or null
	 * @param known the keys the command reads
	 * @return the keys of {@code options} that are not known (nor {@code imp}), in order
	 */
	public static List<String> unknown(final String options, final Collection<String> known) {
		final List<String> out = new ArrayList<>();
		for (final String k : keys(options))
			if (!known.contains(k) && !IMPLICIT.contains(k) && !out.contains(k)) out.add(k);
		return out;
	}

	/**
	 * @param command the menu label, e.g. {@code K-means}
	 * @param options a macro option string, or null
	 * @param known the keys the command reads
	 * @return a line for the Log naming the unknown keys, e.g. {@code K-means: unknown key 'colours'
	 *         ignored (keys: colors, seed, ...)}, or null if every key is known
	 */
	public static String warning(final String command, final String options, final Collection<String> known) {
		final List<String> u = unknown(options, known);
		if (u.isEmpty()) return null;
		return command + ": unknown key" + (u.size() == 1 ? " '" : "s '") + String.join("', '", u) +
			"' ignored (keys: " + String.join(", ", known) + ")";
	}
}
