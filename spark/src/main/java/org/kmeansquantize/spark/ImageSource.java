package org.kmeansquantize.spark;

import java.io.IOException;
import java.nio.file.Paths;

import org.kmeansquantize.io.ImageFiles;
import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.InputImage;
import org.kmeansquantize.core.LloydStats;
import org.kmeansquantize.core.PixelSource;
import org.kmeansquantize.core.SharedModel;
import org.kmeansquantize.core.SharedTraining;

/**
 * One image file of the dataset read into memory on an executor: its index, layout and pixels, or
 * why it could not be read. What the job caches between training passes, deserialized
 * ({@code MEMORY_ONLY}): it never travels over the network, and if an executor drops it, Spark
 * reads the file again. Beside the pixels it keeps the distinct-value tables of its parts that
 * have few distinct values (at most a quarter as many as pixels, 16 bytes each), made on the first
 * pass.
 */
final class ImageSource {

	/** The file's index in name order. */
	final int file;
	/** The file's layout, or null if it could not be read. */
	final ImageLayout layout;
	/** The file's pixels, read in place, or null if it could not be read. */
	final PixelSource pixels;
	/** Why the file could not be read (one line), or null. */
	final String error;

	private ImageSource(final int file, final ImageLayout layout, final PixelSource pixels, final String error) {
		this.file = file;
		this.layout = layout;
		this.pixels = pixels;
		this.error = error;
	}

	/**
	 * @param file the file's index
	 * @param path the file
	 * @return the file's pixels, or why it cannot be read (it then takes no part in training, as on
	 *         the command line)
	 */
	static ImageSource read(final int file, final String path) {
		try {
			final InputImage image = ImageFiles.read(Paths.get(path));
			return new ImageSource(file, image.layout(), image.pixels(), null);
		}
		catch (final IOException e) {
			return new ImageSource(file, null, null, e.getMessage());
		}
	}

	/**
	 * Per part, its distinct-value table once the first pass has made it, {@link #NO_TABLE} where
	 * the part goes pixel by pixel; kept with the cached pixels, so that later passes over such
	 * parts read no pixel (as the single-machine driver keeps them).
	 */
	private Object[] tables;

	private static final Object NO_TABLE = new Object();

	/**
	 * One part's share of an exact Lloyd pass: {@link SharedTraining#stats(SharedModel, PixelSource,
	 * long)}, from the part's distinct-value table where it has one. Called by one task at a time.
	 *
	 * @param model the current centres
	 * @param plane the part's plane in this file
	 * @return the part's statistics
	 */
	LloydStats stats(final SharedModel model, final long plane) {
		if (tables == null) tables = new Object[(int) planes()];
		final int q = (int) plane;
		if (tables[q] == null) {
			final SharedTraining.PartValues t = SharedTraining.values(pixels, plane);
			tables[q] = t == null ? NO_TABLE : t;
		}
		return tables[q] == NO_TABLE ? SharedTraining.stats(model, pixels, plane) : SharedTraining.stats(model,
			(SharedTraining.PartValues) tables[q]);
	}

	/** @return the file's parts: its 2-D planes (none if it could not be read) */
	long planes() {
		return pixels == null ? 0 : SharedTraining.planes(pixels.pixelDimensions());
	}

	/** What the driver learns of a file before training. */
	static final class Info implements java.io.Serializable {

		private static final long serialVersionUID = 1L;

		final int file;
		final String type;
		final int valuesPerPixel;
		final String description;
		final long[] pixelDimensions;
		final String error;

		Info(final ImageSource s) {
			file = s.file;
			type = s.layout == null ? null : s.layout.type().key();
			valuesPerPixel = s.layout == null ? 0 : s.layout.valuesPerPixel();
			description = s.layout == null ? null : s.layout.describe();
			pixelDimensions = s.pixels == null ? null : s.pixels.pixelDimensions();
			error = s.error;
		}
	}
}
