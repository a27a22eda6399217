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
 * One image file of the dataset, or a range of the planes of a file split across executors, read
 * into memory on an executor: its index, the file's layout and the pixels, or why it could not be
 * read. What the job caches between training passes, deserialized
 * ({@code MEMORY_ONLY}): it never travels over the network, and if an executor drops it, Spark
 * reads the file again. Beside the pixels it keeps the distinct-value tables of its parts that
 * have few distinct values (at most a quarter as many as pixels, 16 bytes each), made on the first
 * pass.
 */
final class ImageSource {

	/** The file's index in name order. */
	final int file;
	/** The file's part where these pixels start (0 unless the file is split). */
	final long first;
	/** The file's layout, or null if it could not be read. */
	final ImageLayout layout;
	/** The file's pixels, read in place, or null if it could not be read. */
	final PixelSource pixels;
	/** Why the file could not be read (one line), or null. */
	final String error;

	private ImageSource(final int file, final long first, final ImageLayout layout, final PixelSource pixels,
		final String error)
	{
		this.file = file;
		this.first = first;
		this.layout = layout;
		this.pixels = pixels;
		this.error = error;
	}

	/**
	 * What one task reads: a whole file, or a range of the parts of a file split across executors.
	 */
	static final class Piece implements java.io.Serializable {

		private static final long serialVersionUID = 1L;

		/** The file's index in name order. */
		final int file;
		/** The file: a local absolute path or a Hadoop URI. */
		final String location;
		/** The first part of the range, 0 for a whole file. */
		final long first;
		/** The parts of the range, or -1 for the whole file. */
		final long count;

		Piece(final int file, final String location, final long first, final long count) {
			this.file = file;
			this.location = location;
			this.first = first;
			this.count = count;
		}
	}

	/**
	 * @param piece what to read
	 * @param reader the reader of TIFFs, whole or by plane ranges
	 * @param conf the Hadoop configuration
	 * @return the piece's pixels, or why it cannot be read (the file then takes no part in training,
	 *         as on the command line)
	 */
	static ImageSource read(final Piece piece, final PartReader reader, final Storage.Conf conf) {
		try {
			final PartReader.Range r = reader.read(piece.location, piece.first, piece.count);
			if (r != null) return new ImageSource(piece.file, piece.first, r.layout, r.pixels, null);
			if (piece.count >= 0) throw new IOException(piece.location + " cannot be read by plane ranges");
			final InputImage image = readWhole(piece.location, conf);
			return new ImageSource(piece.file, 0, image.layout(), image.pixels(), null);
		}
		catch (final IOException e) {
			return new ImageSource(piece.file, piece.first, null, null, e.getMessage());
		}
	}

	/**
	 * Reads a whole file that is not a TIFF (PNG, JPEG) into memory as the command line does: a local
	 * one in place, one on a Hadoop file system through a copy in the executor's temporary folder,
	 * deleted once read.
	 */
	private static InputImage readWhole(final String location, final Storage.Conf conf) throws IOException {
		if (Storage.isLocal(location)) return ImageFiles.read(Paths.get(Storage.localPath(location)));
		final java.nio.file.Path dir = Staging.folder();
		try {
			final java.nio.file.Path local = Storage.copyToLocal(location, conf.get(), dir);
			try {
				return ImageFiles.read(local);
			}
			catch (final IOException e) {
				throw new IOException(e.getMessage().replace(local.toString(), location));
			}
		}
		finally {
			Staging.delete(dir);
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

	/** @return the parts read: 2-D planes of the file (none if it could not be read) */
	long planes() {
		return pixels == null ? 0 : SharedTraining.planes(pixels.pixelDimensions());
	}

	/** What the driver learns of a file before training. */
	static final class Info implements java.io.Serializable {

		private static final long serialVersionUID = 1L;

		final int file;
		final long first;
		final String type;
		final int valuesPerPixel;
		final String description;
		final long[] pixelDimensions;
		final String error;

		Info(final ImageSource s) {
			file = s.file;
			first = s.first;
			type = s.layout == null ? null : s.layout.type().key();
			valuesPerPixel = s.layout == null ? 0 : s.layout.valuesPerPixel();
			description = s.layout == null ? null : s.layout.describe();
			pixelDimensions = s.pixels == null ? null : s.pixels.pixelDimensions();
			error = s.error;
		}
	}
}
