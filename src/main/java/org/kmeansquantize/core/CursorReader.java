package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.view.Views;

/** Reads and writes any image through one flat cursor per channel. One per thread. */
final class CursorReader extends PixelSource.Reader {

	private final PixelSource source;
	private final int channels;

	private final List<Cursor<? extends RealType<?>>> cursors = new ArrayList<>();
	/** Index of the pixel the cursors point at after the next fwd(). */
	private long next;

	CursorReader(final PixelSource source) {
		this.source = source;
		channels = source.channels;
		reset();
	}

	private void reset() {
		cursors.clear();
		for (final RandomAccessibleInterval<? extends RealType<?>> v : source.channelViews)
			cursors.add(Views.flatIterable(v).cursor());
		next = 0;
	}

	private void seek(final long start) {
		if (start < next) reset();
		if (start > next) for (final Cursor<?> c : cursors)
			c.jumpFwd(start - next);
		next = start;
	}

	@Override
	public void read(final long start, final int n, final float[] out) {
		seek(start);
		final int nc = channels;
		for (int c = 0; c < nc; c++) {
			final Cursor<? extends RealType<?>> cur = cursors.get(c);
			for (int i = 0, o = c; i < n; i++, o += nc)
				out[o] = cur.next().getRealFloat();
		}
		next += n;
	}

	@Override
	void write(final long start, final int n, final float[] in) {
		seek(start);
		final int nc = channels;
		for (int c = 0; c < nc; c++) {
			final Cursor<? extends RealType<?>> cur = cursors.get(c);
			for (int i = 0, o = c; i < n; i++, o += nc)
				cur.next().setReal(source.range.fit(in[o]));
		}
		next += n;
	}
}
