package org.kmeansquantize.labelfile;

import java.util.Locale;

/**
 * How a label image shows its labels: the value of the {@code lut} macro key. Each constant's
 * {@link #key()} is what macros, the dialogs and the documentation write.
 */
public enum LabelLut {

	/** {@link #CODEBOOK} for RGB input, {@link #DISTINCT} for every other type. */
	AUTO("auto"),
	/** Each entry as the input shows it: the entry's colour (RGB) or its values through the input's display ranges and LUTs. */
	CODEBOOK("codebook"),
	/** Maximally distinct colours, neighbouring labels clearly different; label 0 (the darkest entry) black. */
	DISTINCT("distinct");

	private final String key;

	LabelLut(final String key) {
		this.key = key;
	}

	/** @return the macro value, e.g. {@code distinct} */
	public String key() {
		return key;
	}

	/** @return the macro values of all constants, in declaration order */
	public static String[] keys() {
		final LabelLut[] all = values();
		final String[] keys = new String[all.length];
		for (int i = 0; i < all.length; i++)
			keys[i] = all[i].key;
		return keys;
	}

	/**
	 * @param rgb whether the input is an RGB image
	 * @return this choice with {@link #AUTO} resolved: {@link #CODEBOOK} or {@link #DISTINCT}
	 */
	public LabelLut resolve(final boolean rgb) {
		if (this != AUTO) return this;
		return rgb ? CODEBOOK : DISTINCT;
	}

	/**
	 * @param text a macro value, case-insensitive
	 * @return its constant
	 * @throws IllegalArgumentException with a one-line message naming the allowed values
	 */
	public static LabelLut parse(final String text) {
		final String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
		for (final LabelLut l : values())
			if (l.key.equals(t)) return l;
		throw new IllegalArgumentException("lut must be one of " + String.join(", ", keys()) + ", not '" + text +
			"'");
	}
}
