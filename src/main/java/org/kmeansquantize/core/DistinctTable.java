package org.kmeansquantize.core;

/**
 * Distinct packed values ({@link Packing} keys, ascending) with the number of pixels of each: the
 * result of counting the distinct values of some pixels. The arrays are shared, not copied.
 */
final class DistinctTable {

	/** The keys, ascending. */
	final long[] keys;

	/** Pixels per key. */
	final long[] counts;

	DistinctTable(final long[] keys, final long[] counts) {
		this.keys = keys;
		this.counts = counts;
	}

	/** @return number of distinct values */
	int size() {
		return keys.length;
	}
}
