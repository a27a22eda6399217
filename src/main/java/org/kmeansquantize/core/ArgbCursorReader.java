package org.kmeansquantize.core;

import net.imglib2.Cursor;
import net.imglib2.type.numeric.ARGBType;

/** Reads and writes a packed ARGB image through a flat cursor. One per thread. */
final class ArgbCursorReader extends PixelSource.Reader {

	private final FlatCursor<ARGBType> pixels;
	private final int channels;

	ArgbCursorReader(final PixelSource source) {
		pixels = new FlatCursor<>(source.argbView);
		channels = source.channels;
	}

	@Override
	public void read(final long start, final int n, final float[] out) {
		final Cursor<ARGBType> cursor = pixels.at(start, n);
		for (int i = 0; i < n; i++)
			PixelSource.unpack(cursor.next().get(), out, i * channels, channels);
	}

	@Override
	void write(final long start, final int n, final float[] in) {
		final Cursor<ARGBType> cursor = pixels.at(start, n);
		for (int i = 0; i < n; i++)
			cursor.next().set(PixelSource.pack(in, i * channels, channels));
	}
}
