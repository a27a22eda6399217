package org.kmeansquantize.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;

import org.kmeansquantize.io.ImageLayout;
import org.kmeansquantize.io.Planes;
import org.kmeansquantize.io.TiffPlaneReader;

/**
 * {@link PartReader} for every TIFF: the engine's {@link TiffPlaneReader} (tiled and stripped,
 * classic and BigTIFF, every compression, OME-TIFF's axes) over a {@link HadoopChannel}, so that a
 * TIFF on any Hadoop file system is read where it is, and a task reads only the tiles or strips of
 * its planes. One kind of TIFF that reader cannot see is handed to {@link ImageJPlanes}: ImageJ's
 * one-directory stacks (the planes stored one after the other behind a single image file
 * directory, as ImageJ writes stacks past 4 GB), whose other planes only ImageJ's description
 * ({@code images=N}) announces. Serializable: the driver makes one, the executors use it.
 */
final class TiffParts implements PartReader {

	private static final long serialVersionUID = 1L;

	private final Storage.Conf conf;
	private final ImageJPlanes imageJ;

	/** @param conf the Hadoop configuration */
	TiffParts(final Storage.Conf conf) {
		this.conf = conf;
		this.imageJ = new ImageJPlanes(conf);
	}

	@Override
	public Header header(final String location) throws IOException {
		final Opened o = open(location);
		if (o == null) return new Header(false, 0, 0);
		if (o.plane == null) return o.stack;
		try {
			final ImageLayout l = o.plane.layout();
			return new Header(true, l.labelPlanes(), partBytes(l));
		}
		finally {
			o.plane.close();
		}
	}

	@Override
	public Range read(final String location, final long first, final long count) throws IOException {
		final Opened o = open(location);
		if (o == null) return null;
		if (o.plane == null) return imageJ.read(location, first, count < 0 ? o.stack.parts : count);
		try (TiffPlaneReader r = o.plane) {
			final ImageLayout l = r.layout();
			final long n = count < 0 ? l.labelPlanes() : count;
			if (first < 0 || n < 1 || first + n > l.labelPlanes()) throw new IOException(location + ": parts [" +
				first + ", " + (first + n) + ") of " + l.labelPlanes());
			final int nc = l.type().isColor() ? 1 : l.channels();
			final Object[] planes = new Object[(int) (n * nc)];
			for (int i = 0; i < planes.length; i++)
				planes[i] = r.readPlane((int) (first * nc + i));
			// a range is a stack of its label planes (all channels of each), as a file of its own
			final ImageLayout range = count < 0 ? l : new ImageLayout(l.type(), l.width(), l.height(), nc, (int) n, 1, l
				.mode(), l.source());
			return new Range(l, new Planes(range, planes).pixels());
		}
		catch (final IOException e) {
			throw named(location, e);
		}
	}

	/** A TIFF opened: by the plane reader, or (plane null) an ImageJ one-directory stack's header. */
	private static final class Opened {

		final TiffPlaneReader plane;
		final Header stack;

		Opened(final TiffPlaneReader plane, final Header stack) {
			this.plane = plane;
			this.stack = stack;
		}
	}

	/** @return the file opened, or null if it is not a TIFF */
	private Opened open(final String location) throws IOException {
		final HadoopChannel channel = HadoopChannel.open(location, conf);
		final TiffPlaneReader reader;
		try {
			if (!isTiff(channel)) {
				channel.close();
				return null;
			}
			channel.position(0);
			registerPlugins();
			reader = TiffPlaneReader.open(channel);
		}
		catch (final IOException e) {
			channel.close();
			throw named(location, e);
		}
		final ImageLayout l = reader.layout();
		// one plane read, but a file large enough for more: an ImageJ stack behind one directory?
		if (l.planes() == 1 && channel.size() >= 2 * partBytes(l)) {
			final Header h = imageJ.header(location);
			if (h.splittable && h.parts > 1) {
				reader.close();
				return new Opened(null, h);
			}
		}
		return new Opened(reader, null);
	}

	/** @return decoded bytes of one label plane (all channels; 4 per packed RGB pixel) */
	private static long partBytes(final ImageLayout l) {
		final int bytes = l.type().isColor() ? 4 : l.type().bits() / 8;
		return (long) l.width() * l.height() * (l.type().isColor() ? 1 : l.channels()) * bytes;
	}

	private static boolean isTiff(final HadoopChannel channel) throws IOException {
		final ByteBuffer b = ByteBuffer.allocate(4);
		while (b.hasRemaining())
			if (channel.read(b) < 0) return false;
		final byte[] m = b.array();
		return (m[0] == 'I' && m[1] == 'I' && (m[2] == 42 || m[2] == 43) && m[3] == 0) || (m[0] == 'M' && m[1] == 'M' &&
			m[2] == 0 && (m[3] == 42 || m[3] == 43));
	}

	private static IOException named(final String location, final IOException e) {
		final String m = e.getMessage();
		return m != null && m.startsWith(location) ? e : new IOException(location + ": " + m);
	}

	private static volatile boolean registered;

	/**
	 * Makes sure the TIFF plug-in (TwelveMonkeys, in the job's jar) is registered with
	 * {@code javax.imageio}: its registry looks for plug-ins once, with the class loader of the
	 * thread that first used it, which on an executor may not see the job's jar. Without it the
	 * JDK's reader would read the files it can (no BigTIFF), silently otherwise.
	 */
	private static void registerPlugins() {
		if (registered) return;
		synchronized (TiffParts.class) {
			if (registered) return;
			boolean found = false;
			for (final Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("tiff"); it.hasNext();)
				found |= !it.next().getClass().getName().startsWith("com.sun.");
			if (!found) {
				final ClassLoader old = Thread.currentThread().getContextClassLoader();
				try {
					Thread.currentThread().setContextClassLoader(TiffParts.class.getClassLoader());
					IIORegistry.getDefaultInstance().registerApplicationClasspathSpis();
				}
				finally {
					Thread.currentThread().setContextClassLoader(old);
				}
			}
			registered = true;
		}
	}
}
