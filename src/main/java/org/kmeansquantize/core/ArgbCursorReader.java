package org.kmeansquantize.core;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.view.Views;

/** Reads and writes a packed ARGB image through a flat cursor. One per thread. */
final class ArgbCursorReader extends PixelSource.Reader {

	private final RandomAccessibleInterval<ARGBType> argbView;
	private final int channels;

	private Cursor<ARGBType> cursor;
	private long next;

	ArgbCursorReader(final PixelSource source) {
		argbView = source.argbView;
		channels = source.channels;
		cursor = Views.flatIterable(argbView).cursor();
	}

	private void seek(final long start) {
		if (start < next) {
			cursor = Views.flatIterable(argbView).cursor();
			next = 0;
		}
		if (start > next) cursor.jumpFwd(start - next);
		next = start;
	}

	@Override
	public void read(final long start, final int n, final float[] out) {
		seek(start);
		for (int i = 0; i < n; i++)
			PixelSource.unpack(cursor.next().get(), out, i * channels, channels);
		next += n;
	}

	@Override
	void write(final long start, final int n, final float[] in) {
		seek(start);
		for (int i = 0; i < n; i++)
			cursor.next().set(PixelSource.pack(in, i * channels, channels));
		next += n;
	}
}
