package org.kmeansquantize.core;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.view.Views;

/** Reads a training mask in flat order, block by block; one per thread. */
final class MaskReader {

	private final RandomAccessibleInterval<? extends BooleanType<?>> mask;
	private Cursor<? extends BooleanType<?>> cursor;
	private long next;

	MaskReader(final RandomAccessibleInterval<? extends BooleanType<?>> mask) {
		this.mask = mask;
		cursor = Views.flatIterable(mask).cursor();
	}

	void read(final long start, final int n, final boolean[] out) {
		if (start < next) {
			cursor = Views.flatIterable(mask).cursor();
			next = 0;
		}
		if (start > next) cursor.jumpFwd(start - next);
		for (int i = 0; i < n; i++)
			out[i] = cursor.next().get();
		next = start + n;
	}
}
