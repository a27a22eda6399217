package org.kmeansquantize.core;

/**
 * Packs the channel values of one pixel into a non-negative {@code long} key: integer channels side
 * by side, or one 32-bit float through an order-preserving map of its bits (so keys sort as values).
 */
final class Packing {

	final int bits;
	final int nc;
	final double min;
	private final long mask;

	private Packing(final int bits, final int nc, final double min) {
		this.bits = bits;
		this.nc = nc;
		this.min = min;
		this.mask = bits == FLOAT ? 0 : (1L << bits) - 1;
	}

	/** Marks the packing of one float value. */
	private static final int FLOAT = -1;

	/**
	 * @return a packing, or null if the type is neither integral nor one 32-bit float channel, or the
	 *         channels need more than 62 bits
	 */
	static Packing of(final SampleRange range, final int nc) {
		if (!range.isInteger()) return nc == 1 && range.bits() <= 32 ? new Packing(FLOAT, 1, 0) : null;
		final double span = range.max() - range.min();
		if (span >= (1L << 24)) return null; // float buffers hold integers exactly only up to 2^24
		final int bits = 64 - Long.numberOfLeadingZeros((long) span);
		if (bits * nc > 62) return null;
		return new Packing(Math.max(1, bits), nc, range.min());
	}

	/**
	 * The key of a packed ARGB pixel (ImageJ's RGB), as {@link #key} gives it for the pixel's 8-bit
	 * channels R, G, B (and A): red in the lowest byte.
	 *
	 * @param argb the packed pixel
	 * @param alpha whether alpha is a fourth channel
	 * @return the key
	 */
	static long argbKey(final int argb, final boolean alpha) {
		final long key = ((argb >>> 16) & 0xff) | (argb & 0xff00) | ((argb & 0xff) << 16);
		return alpha ? key | (long) (argb >>> 24) << 24 : key;
	}

	long key(final float[] v, final int o) {
		if (bits == FLOAT) {
			final int b = Float.floatToIntBits(v[o] == 0 ? 0f : v[o]); // -0 and 0 are one value
			return (b < 0 ? ~b : b | 0x80000000) & 0xffffffffL;
		}
		long key = 0;
		for (int c = nc - 1; c >= 0; c--)
			key = (key << bits) | (long) (v[o + c] - min);
		return key;
	}

	void unpack(long key, final float[] out, final int o) {
		if (bits == FLOAT) {
			final int b = (int) key;
			out[o] = Float.intBitsToFloat(b < 0 ? b & 0x7fffffff : ~b);
			return;
		}
		for (int c = 0; c < nc; c++) {
			out[o + c] = (float) ((key & mask) + min);
			key >>>= bits;
		}
	}
}
