package org.kmeansquantize.core;

/**
 * The space k-means measures colour distances in, for RGB input. Whatever the space, the codebook
 * is reported, stored and reconstructed in RGB.
 */
public enum ColourSpace {
	/** Distances between the 8-bit R, G and B values, as stored. */
	RGB("rgb"),
	/**
	 * Distances in CIE L*a*b* (D65 white, sRGB transfer function): about perceptual, so that a
	 * faint stain of another hue is not swallowed by the dominant one.
	 */
	LAB("lab");

	private final String key;

	ColourSpace(final String key) {
		this.key = key;
	}

	/** @return the lower-case name used by macros and the command line */
	public String key() {
		return key;
	}

	/**
	 * Parses a space name as used by macros and the command line.
	 *
	 * @param name {@code rgb} or {@code lab}, case-insensitive
	 * @return the space
	 * @throws IllegalArgumentException naming the accepted values if {@code name} is none of them
	 */
	public static ColourSpace parse(final String name) {
		for (final ColourSpace s : values())
			if (s.key.equalsIgnoreCase(name.trim())) return s;
		throw new IllegalArgumentException("space must be 'rgb' or 'lab', not '" + name + "'");
	}
}
