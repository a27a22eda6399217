package org.kmeansquantize.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Paths;
import java.util.Properties;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.FileOpener;
import ij.io.ImageReader;
import ij.io.TiffDecoder;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.ImagePlusPixels;

/**
 * {@link PartReader} for ImageJ's one-directory stacks, the one kind of TIFF that
 * {@link TiffParts} hands on: a single image file directory whose ImageJ description announces
 * more images ({@code images=N}), stored one after the other behind the first, uncompressed (how
 * ImageJ writes a stack past 4 GB, where classic TIFF offsets end). No TIFF library sees those
 * planes; ImageJ 1's decoder does, and so does the command line, which reads such files with it.
 * The header is parsed by ImageJ's {@code TiffDecoder} over a Hadoop {@link FSDataInputStream}
 * (local files through Hadoop's raw local file system, whose streams seek); each plane is read by
 * seeking to it and decoding it with ImageJ's {@link ImageReader}, as ImageJ's virtual stacks read
 * planes, so a range reads only its planes. Every other file says it is not splittable.
 */
final class ImageJPlanes implements PartReader {

	private static final long serialVersionUID = 1L;

	private final Storage.Conf conf;

	/** @param conf the Hadoop configuration */
	ImageJPlanes(final Storage.Conf conf) {
		this.conf = conf;
	}

	/** A file's decoded header: its directories, dimensions and layout. */
	private static final class Tiff {

		FileInfo[] info;
		int channels, slices, frames;
		ImageLayout layout;
		boolean splittable;
	}

	@Override
	public Header header(final String location) throws IOException {
		final Tiff t = tiff(location);
		if (t == null) return new Header(false, 0, 0);
		final long[] dims = t.layout.pixelDimensions();
		final int bytes = t.layout.type().isColor() ? 4 : t.layout.type().bits() / 8;
		return new Header(t.splittable, (long) t.slices * t.frames, dims[0] * dims[1] * t.channels * bytes);
	}

	@Override
	public Range read(final String location, final long first, final long count) throws IOException {
		final Tiff t = tiff(location);
		if (t == null || !t.splittable) throw new IOException(location + " cannot be read by plane ranges");
		final int nc = t.channels;
		final FileInfo head = t.info[0];
		final ImageStack stack = new ImageStack(head.width, head.height);
		try (FSDataInputStream in = open(location)) {
			for (long i = first * nc; i < (first + count) * nc; i++) {
				final FileInfo fi = plane(t, (int) i);
				in.seek(0);
				// ImageReader skips to the plane's offset: a seek on Hadoop's streams
				final Object pixels = new ImageReader(fi).readPixels(in);
				if (pixels == null) throw new IOException(location + ": cannot read plane " + (i + 1) + " of the TIFF");
				stack.addSlice(null, pixels);
			}
		}
		final ImagePlus imp = new ImagePlus(Storage.name(location), stack);
		imp.setDimensions(nc, (int) count, 1);
		return new Range(t.layout, ImagePlusPixels.pixels(imp));
	}

	/** @return the {@code i}-th image of the stack (0-based), alone */
	private static FileInfo plane(final Tiff t, final int i) {
		final FileInfo head = t.info[0];
		final FileInfo fi = (FileInfo) head.clone();
		final long size = (long) head.width * head.height * head.getBytesPerPixel();
		fi.longOffset = head.getOffset() + i * (size + head.getGap());
		fi.offset = 0;
		fi.nImages = 1;
		return fi;
	}

	private FSDataInputStream open(final String location) throws IOException {
		final Path p = path(location);
		final FileSystem fs = Storage.isLocal(location) ? FileSystem.getLocal(conf.get()).getRawFileSystem() : Storage
			.fileSystem(p, conf.get());
		try {
			return fs.open(p);
		}
		catch (final java.io.FileNotFoundException e) {
			throw new IOException(location + " does not exist");
		}
	}

	private static Path path(final String location) throws IOException {
		return Storage.isLocal(location) ? new Path(Paths.get(Storage.localPath(location)).toUri()) : new Path(location);
	}

	/** @return the file's TIFF header, or null if it is not a classic TIFF */
	private Tiff tiff(final String location) throws IOException {
		final FileInfo[] info;
		try (FSDataInputStream in = open(location)) {
			final byte[] magic = new byte[4];
			if (in.read(magic) < 4 || !(magic[0] == 'I' && magic[1] == 'I' && magic[2] == 42 && magic[3] == 0 ||
				magic[0] == 'M' && magic[1] == 'M' && magic[2] == 0 && magic[3] == 42)) return null;
			in.seek(0);
			info = new TiffDecoder(new Unclosed(in), Storage.name(location)).getTiffInfo();
		}
		catch (final IOException | RuntimeException e) {
			if (e.getMessage() != null && e.getMessage().startsWith(location)) throw (IOException) e;
			throw new IOException(location + ": corrupt or unsupported TIFF file (" + Storage.oneLine(e) + ")");
		}
		if (info == null || info.length == 0 || info[0].width <= 0 || info[0].height <= 0) return null;
		final Tiff t = new Tiff();
		t.info = info;
		final FileInfo fi = info[0];
		final int images = info.length == 1 ? Math.max(1, fi.nImages) : info.length;
		final Properties props = fi.description == null ? null : new FileOpener(fi).decodeDescriptionString(fi);
		t.channels = number(props, "channels");
		t.slices = number(props, "slices");
		t.frames = number(props, "frames");
		if ((long) t.channels * t.slices * t.frames != images) {
			t.channels = 1;
			t.slices = images;
			t.frames = 1;
		}
		final ImageLayout.Type type;
		switch (fi.fileType) {
			case FileInfo.GRAY8:
			case FileInfo.COLOR8:
				type = ImageLayout.Type.GRAY8;
				break;
			case FileInfo.GRAY16_UNSIGNED:
				type = ImageLayout.Type.GRAY16;
				break;
			case FileInfo.GRAY32_FLOAT:
				type = ImageLayout.Type.GRAY32;
				break;
			case FileInfo.RGB:
				type = ImageLayout.Type.RGB;
				break;
			default:
				return null;
		}
		t.splittable = info.length == 1 && fi.nImages > 1 && !fi.whiteIsZero && fi.compression <=
			FileInfo.COMPRESSION_NONE && (type != ImageLayout.Type.RGB || t.channels == 1);
		final String mode;
		if (t.channels > 1 && type != ImageLayout.Type.RGB && fi.description != null) mode = fi.description.contains(
			"mode=color") ? "color" : fi.description.contains("mode=gray") ? "grayscale" : "composite";
		else mode = "none";
		t.layout = new ImageLayout(type, fi.width, fi.height, t.channels, t.slices, t.frames, mode, "tiff");
		return t;
	}

	private static int number(final Properties props, final String key) {
		if (props == null || props.getProperty(key) == null) return 1;
		try {
			return Math.max(1, (int) Double.parseDouble(props.getProperty(key)));
		}
		catch (final NumberFormatException e) {
			return 1;
		}
	}

	/** A stream that TiffDecoder may close without closing the file, which the caller closes. */
	private static final class Unclosed extends java.io.FilterInputStream {

		Unclosed(final InputStream in) {
			super(in);
		}

		@Override
		public void close() {
			// the caller's try-with-resources closes the Hadoop stream
		}
	}
}
