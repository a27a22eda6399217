package org.kmeansquantize.core;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.view.Views;

/**
 * A cursor over an image in flat order that is placed at any pixel index: forward by jumping,
 * backward by starting over. For readers that visit blocks of pixels in mostly ascending order. Not
 * thread-safe: one per thread.
 *
 * @param <T> pixel type
 */
final class FlatCursor<T> {

	private final RandomAccessibleInterval<T> image;
	private Cursor<T> cursor;
	/** Index of the pixel the cursor's next {@code next()} gives. */
	private long next;

	FlatCursor(final RandomAccessibleInterval<T> image) {
		this.image = image;
		cursor = Views.flatIterable(image).cursor();
	}

	/**
	 * @param start the first pixel wanted
	 * @param n how many pixels the caller takes with {@code next()}, exactly
	 * @return the cursor, whose next {@code next()} gives pixel {@code start}
	 */
	Cursor<T> at(final long start, final int n) {
		if (start < next) {
			cursor = Views.flatIterable(image).cursor();
			next = 0;
		}
		if (start > next) cursor.jumpFwd(start - next);
		next = start + n;
		return cursor;
	}
}
