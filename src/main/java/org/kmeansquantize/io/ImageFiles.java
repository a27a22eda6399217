package org.kmeansquantize.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Image files by kind: which format a file holds (by its first bytes, not its name), which format
 * an output name asks for (by its extension), and reading an input image of any supported kind.
 * PNG and JPEG are read with {@code javax.imageio} without loading ImageJ; TIFF with {@link TiffFiles}.
 * Errors are {@link IOException}s with a one-line message that names the file. Stateless and
 * thread-safe.
 */
public final class ImageFiles {

	/** A file format. */
	public enum Format {
		/** Portable Network Graphics. */
		PNG("png"),
		/** JPEG (JFIF/Exif). */
		JPEG("jpeg"),
		/** TIFF, as ImageJ reads and writes it. */
		TIFF("tiff");

		private final String key;

		Format(final String key) {
			this.key = key;
		}

		/** @return lower-case name, as in the layout block's {@code source} */
		public String key() {
			return key;
		}
	}

	private ImageFiles() {}

	/**
	 * @param file an existing file
	 * @return its format, from its first bytes
	 * @throws IOException naming the file if it does not exist, is a folder, cannot be read, is
	 *           empty, or is not a PNG, JPEG or TIFF (classic or BigTIFF) file
	 */
	public static Format detect(final Path file) throws IOException {
		if (Files.isDirectory(file)) throw new IOException(file + " is a folder, not an image file");
		final byte[] head = new byte[8];
		int n = 0;
		try (InputStream in = Files.newInputStream(file)) {
			for (int k; n < head.length && (k = in.read(head, n, head.length - n)) > 0;)
				n += k;
		}
		catch (final NoSuchFileException e) {
			throw new IOException(file + " does not exist");
		}
		catch (final AccessDeniedException e) {
			throw new IOException(file + " cannot be read (permission denied)");
		}
		catch (final IOException e) {
			throw new IOException(file + " cannot be read (" + e.getMessage() + ")");
		}
		if (n == 0) throw new IOException(file + " is empty");
		if (startsWith(head, n, PngEncoder.SIGNATURE)) return Format.PNG;
		if (startsWith(head, n, new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff })) return Format.JPEG;
		if (startsWith(head, n, new byte[] { 'I', 'I', 42, 0 }) || startsWith(head, n, new byte[] { 'M', 'M', 0,
			42 }) || startsWith(head, n, new byte[] { 'I', 'I', 43, 0 }) || startsWith(head, n, new byte[] { 'M', 'M',
				0, 43 })) return Format.TIFF;
		throw new IOException(file + " is not a PNG, JPEG or TIFF image");
	}

	/**
	 * @param out an output file name
	 * @return the format its extension asks for: {@code .png} PNG, {@code .tif}/{@code .tiff} TIFF
	 *         (case-insensitive)
	 * @throws IllegalArgumentException for any other name
	 */
	public static Format outputFormat(final Path out) {
		final Path name = out.getFileName();
		final String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
		if (n.endsWith(".png")) return Format.PNG;
		if (n.endsWith(".tif") || n.endsWith(".tiff")) return Format.TIFF;
		throw new IllegalArgumentException("output " + out + " must end in .png, .tif or .tiff");
	}

	/**
	 * Reads an input image: PNG or JPEG (8- or 16-bit grey, RGB, RGBA, palette, grey with alpha) or
	 * TIFF (anything ImageJ 1 opens: 8-, 16-, 32-bit, RGB, multichannel, stacks, hyperstacks; and
	 * through {@link TiffPlaneReader} tiled, BigTIFF, JPEG-compressed and OME-TIFF files; a TIFF
	 * whose pixels would take more than a third of the heap as a virtual stack).
	 *
	 * @param file the file; never modified
	 * @return the image
	 * @throws IOException naming the file if it cannot be read, is truncated or corrupt, or is not
	 *           a supported image
	 */
	public static InputImage read(final Path file) throws IOException {
		final Format format = detect(file);
		try {
			if (format == Format.TIFF) return TiffFiles.read(file, Files.size(file));
			return RasterFiles.read(Files.readAllBytes(file), format.key());
		}
		catch (final IOException e) {
			throw new IOException(file + ": " + e.getMessage());
		}
		catch (final IllegalArgumentException e) {
			throw new IOException(file + ": unsupported image (" + e.getMessage() + ")");
		}
		catch (final RuntimeException e) {
			// a decoder's own bug on a damaged file: its text is for developers, not users
			throw new IOException(file + ": corrupt or unsupported image (its decoder failed on it)");
		}
		catch (final OutOfMemoryError e) {
			// the failed allocation is this read's own: nothing else is left half done
			throw new IOException(file + ": not enough memory to read it (Java may use " + Runtime.getRuntime()
				.maxMemory() / (1 << 20) + " MiB); give it more, e.g. java -Xmx8g -jar ...");
		}
	}

	private static boolean startsWith(final byte[] head, final int n, final byte[] magic) {
		if (n < magic.length) return false;
		for (int i = 0; i < magic.length; i++)
			if (head[i] != magic[i]) return false;
		return true;
	}
}
