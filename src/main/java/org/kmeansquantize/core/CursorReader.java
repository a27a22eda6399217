package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/** Reads and writes any image through one flat cursor per channel. One per thread. */
final class CursorReader extends PixelSource.Reader {

	private final SampleRange range;
	private final List<FlatCursor<? extends RealType<?>>> channels = new ArrayList<>();

	CursorReader(final PixelSource source) {
		range = source.range;
		for (final RandomAccessibleInterval<? extends RealType<?>> v : source.channelViews)
			channels.add(new FlatCursor<>(v));
	}

	@Override
	public void read(final long start, final int n, final float[] out) {
		final int nc = channels.size();
		for (int c = 0; c < nc; c++) {
			final Cursor<? extends RealType<?>> cur = channels.get(c).at(start, n);
			for (int i = 0, o = c; i < n; i++, o += nc)
				out[o] = cur.next().getRealFloat();
		}
	}

	@Override
	void write(final long start, final int n, final float[] in) {
		final int nc = channels.size();
		for (int c = 0; c < nc; c++) {
			final Cursor<? extends RealType<?>> cur = channels.get(c).at(start, n);
			for (int i = 0, o = c; i < n; i++, o += nc)
				cur.next().setReal(range.fit(in[o]));
		}
	}
}
