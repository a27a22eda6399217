package org.kmeansquantize.core;

/**
 * How channels are weighted against each other when distances are measured. Centres are always
 * reported back in input units, whatever the scaling.
 */
public enum ChannelScaling {
	/** Distances in input units: right for RGB and for channels of one kind and range. */
	NONE("none"),
	/**
	 * Each channel is standardised (zero mean, unit standard deviation over the training pixels)
	 * before clustering: right for fluorescence channels of different brightness.
	 */
	STANDARDIZE("standardize");

	private final String key;

	ChannelScaling(final String key) {
		this.key = key;
	}

	/** @return the lower-case name used by macros and the command line */
	public String key() {
		return key;
	}

	/**
	 * Parses a scaling name as used by macros and the command line.
	 *
	 * @param name {@code none} or {@code standardize}, case-insensitive
	 * @return the scaling
	 * @throws IllegalArgumentException naming the accepted values if {@code name} is none of them
	 */
	public static ChannelScaling parse(final String name) {
		for (final ChannelScaling s : values())
			if (s.key.equalsIgnoreCase(name.trim())) return s;
		throw new IllegalArgumentException("scaling must be 'none' or 'standardize', not '" + name + "'");
	}
}
