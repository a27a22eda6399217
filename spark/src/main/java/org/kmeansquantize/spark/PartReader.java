package org.kmeansquantize.spark;

import java.io.IOException;
import java.io.Serializable;

import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.io.ImageLayout;

/**
 * Reads a file where it is, whole or by ranges of its parts (its 2-D planes, all channels of each),
 * so that a file larger than one executor's share is read by several executors, each reading only
 * its planes: {@link TiffParts} for TIFFs. Readers are serializable: the driver makes one, the
 * executors use it.
 */
interface PartReader extends Serializable {

	/** What the header of a file says, before any pixel is read. */
	final class Header implements Serializable {

		private static final long serialVersionUID = 1L;

		/** Whether {@link PartReader#read} can read ranges of this file's parts. */
		final boolean splittable;
		/** The file's parts (2-D planes, all channels). */
		final long parts;
		/** Decoded bytes of one part (4 per RGB pixel). */
		final long partBytes;

		Header(final boolean splittable, final long parts, final long partBytes) {
			this.splittable = splittable;
			this.parts = parts;
			this.partBytes = partBytes;
		}
	}

	/** A range of parts read: the whole file's layout and the range's pixels. */
	final class Range {

		/** The whole file's layout. */
		final ImageLayout layout;
		/** The range's pixels: its parts in the file's order, with the file's values per pixel. */
		final PixelSource pixels;

		Range(final ImageLayout layout, final PixelSource pixels) {
			this.layout = layout;
			this.pixels = pixels;
		}
	}

	/**
	 * @param location the file: a local absolute path or a Hadoop URI
	 * @return what its header says; a file this reader cannot split says so (it is read whole)
	 * @throws IOException naming the file if it cannot be read
	 */
	Header header(String location) throws IOException;

	/**
	 * @param location the file
	 * @param first the first part
	 * @param count how many parts, or -1 for the whole file
	 * @return the file's layout and the pixels of parts {@code [first, first + count)}, or null if
	 *         the file is not of this reader's kind (it is then read whole by the command line's
	 *         readers)
	 * @throws IOException naming the file if it cannot be read
	 */
	Range read(String location, long first, long count) throws IOException;
}
