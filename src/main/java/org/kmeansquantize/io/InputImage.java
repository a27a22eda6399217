package org.kmeansquantize.io;

import org.kmeansquantize.core.PixelSource;

/**
 * An image read from a file, ready for the engine: its pixels, read in place, and the layout
 * that a reconstruction restores. Implementations are {@link Planes} (PNG and JPEG, read without
 * ImageJ) and an ImageJ image (TIFF).
 */
public interface InputImage {

	/** @return the original type, size and channel layout */
	ImageLayout layout();

	/**
	 * @return the pixels over {@link ImageLayout#pixelDimensions()} with
	 *         {@link ImageLayout#valuesPerPixel()} values each; the same memory on every call
	 */
	PixelSource pixels();

	/**
	 * @return what the file holds and was not read (e.g. an OME-TIFF's other series), one line
	 *         for the user, or null
	 */
	default String note() {
		return null;
	}
}
