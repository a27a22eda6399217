package org.kmeansquantize.core;

import java.util.Arrays;

/**
 * Counts distinct non-negative {@code long} keys (open addressing, linear probing). Not
 * thread-safe: one per task, merged afterwards. Gives up (returns false) past a fixed capacity so
 * that memory stays bounded. Keys met one pixel at a time go through {@link #count(long)}, which
 * adds runs of one key at once (neighbouring pixels often share a value); {@link #endRun()} adds
 * the last run.
 */
final class DistinctCounter {

	private static final long EMPTY = -1;

	private final int limit;
	private long[] keys;
	private long[] counts;
	private int size;
	private int mask;
	/** The key of the run being counted by {@link #count(long)}, and its length (0: none). */
	private long run = EMPTY;
	private long runLength;

	DistinctCounter(final int limit) {
		this.limit = limit;
		alloc(1 << 12);
	}

	private void alloc(final int capacity) {
		keys = new long[capacity];
		Arrays.fill(keys, EMPTY);
		counts = new long[capacity];
		mask = capacity - 1;
		size = 0;
	}

	static int hash(final long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		h ^= h >>> 29;
		return (int) h;
	}

	/** @return false if the counter is over its limit (the key is then not counted) */
	boolean add(final long key, final long count) {
		int i = hash(key) & mask;
		while (true) {
			final long k = keys[i];
			if (k == key) {
				counts[i] += count;
				return true;
			}
			if (k == EMPTY) break;
			i = (i + 1) & mask;
		}
		if (size >= limit) return false;
		keys[i] = key;
		counts[i] = count;
		size++;
		if (size * 2 > keys.length) grow();
		return true;
	}

	/**
	 * Counts one occurrence of a key, as part of a run of equal keys.
	 *
	 * @return false if the counter is over its limit
	 */
	boolean count(final long key) {
		if (key == run) {
			runLength++;
			return true;
		}
		final boolean ok = runLength == 0 || add(run, runLength);
		run = key;
		runLength = 1;
		return ok;
	}

	/**
	 * Adds the run that {@link #count(long)} has under way; call it at the end of a stretch of
	 * pixels.
	 *
	 * @return false if the counter is over its limit
	 */
	boolean endRun() {
		final boolean ok = runLength == 0 || add(run, runLength);
		run = EMPTY;
		runLength = 0;
		return ok;
	}

	private void grow() {
		final long[] k = keys, c = counts;
		alloc(keys.length * 2);
		for (int i = 0; i < k.length; i++)
			if (k[i] != EMPTY) add(k[i], c[i]);
	}

	boolean addAll(final DistinctCounter other) {
		for (int i = 0; i < other.keys.length; i++)
			if (other.keys[i] != EMPTY && !add(other.keys[i], other.counts[i])) return false;
		return true;
	}

	int size() {
		return size;
	}

	/** @return the keys counted, ascending, with their counts */
	DistinctTable sorted() {
		final long[] k = new long[size];
		int n = 0;
		for (final long key : keys)
			if (key != EMPTY) k[n++] = key;
		Arrays.sort(k);
		final long[] c = new long[size];
		for (int j = 0; j < size; j++)
			c[j] = get(k[j]);
		return new DistinctTable(k, c);
	}

	private long get(final long key) {
		int i = hash(key) & mask;
		while (keys[i] != key)
			i = (i + 1) & mask;
		return counts[i];
	}
}
