package org.kmeansquantize.core;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;

/** Reads a training mask in flat order, block by block; one per thread. */
final class MaskReader {

	private final FlatCursor<? extends BooleanType<?>> mask;

	MaskReader(final RandomAccessibleInterval<? extends BooleanType<?>> mask) {
		this.mask = new FlatCursor<>(mask);
	}

	void read(final long start, final int n, final boolean[] out) {
		final Cursor<? extends BooleanType<?>> cursor = mask.at(start, n);
		for (int i = 0; i < n; i++)
			out[i] = cursor.next().get();
	}
}
