package org.kmeansquantize.core;

/** Packs the integer channel values of one pixel into a non-negative {@code long} key. */
final class Packing {

	final int bits;
	final int nc;
	final double min;
	private final long mask;

	private Packing(final int bits, final int nc, final double min) {
		this.bits = bits;
		this.nc = nc;
		this.min = min;
		this.mask = (1L << bits) - 1;
	}

	/** @return a packing, or null if the type is not integral or the channels need more than 62 bits */
	static Packing of(final SampleRange range, final int nc) {
		if (!range.isInteger()) return null;
		final double span = range.max() - range.min();
		if (span >= (1L << 24)) return null; // float buffers hold integers exactly only up to 2^24
		final int bits = 64 - Long.numberOfLeadingZeros((long) span);
		if (bits * nc > 62) return null;
		return new Packing(Math.max(1, bits), nc, range.min());
	}

	long key(final float[] v, final int o) {
		long key = 0;
		for (int c = nc - 1; c >= 0; c--)
			key = (key << bits) | (long) (v[o + c] - min);
		return key;
	}

	void unpack(long key, final float[] out, final int o) {
		for (int c = 0; c < nc; c++) {
			out[o + c] = (float) ((key & mask) + min);
			key >>>= bits;
		}
	}
}
