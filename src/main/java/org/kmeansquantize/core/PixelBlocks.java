package org.kmeansquantize.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;

/**
 * One task's reading state for passes over an image block by block: its own reader and mask reader,
 * and buffers of {@link Chunks#BLOCK} pixels. Not thread-safe: one per task.
 */
final class PixelBlocks {

	private final PixelSource.Reader reader;
	private final MaskReader mask;

	/** The values of the block read last, {@code channels} per pixel. */
	final float[] values;

	/** With a mask: whether each pixel of the block read last is in it. */
	private final boolean[] in;

	/**
	 * @param source the image
	 * @param mask the training pixels, or null for all
	 */
	PixelBlocks(final PixelSource source, final RandomAccessibleInterval<? extends BooleanType<?>> mask) {
		reader = source.reader();
		this.mask = mask == null ? null : new MaskReader(mask);
		values = new float[Chunks.BLOCK * source.channels()];
		in = mask == null ? null : new boolean[Chunks.BLOCK];
	}

	/** Reads pixels {@code [start, start + n)}, at most {@link Chunks#BLOCK}, and their mask. */
	void read(final long start, final int n) {
		reader.read(start, n, values);
		if (mask != null) mask.read(start, n, in);
	}

	/** @return whether pixel {@code i} of the block read last is a training pixel (in the mask) */
	boolean inMask(final int i) {
		return mask == null || in[i];
	}

	/** @return whether there is a mask */
	boolean masked() {
		return mask != null;
	}
}
