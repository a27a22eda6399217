package org.kmeansquantize.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;

import ij.VirtualStack;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import ij.process.ShortProcessor;

/**
 * An ImageJ virtual stack over a {@link TiffPlaneReader}: every plane is read from the file when
 * ImageJ asks for it, so that the command line's ImageJ-based paths (training over a virtual
 * stack, label planes computed while they are written) work on tiled, BigTIFF, JPEG and OME-TIFF
 * files larger than memory as they do on the TIFFs ImageJ reads. The reader is closed when the
 * stack is no longer reachable. Plane access is serialised by the reader.
 */
final class TiffPlaneStack extends VirtualStack {

	private static final Cleaner CLEANER = Cleaner.create();

	private final TiffPlaneReader reader;

	TiffPlaneStack(final TiffPlaneReader reader) {
		super(reader.layout().width(), reader.layout().height(), null, null);
		this.reader = reader;
		setBitDepth(reader.layout().type().isColor() ? 24 : reader.layout().type().bits());
		CLEANER.register(this, () -> {
			try {
				reader.close();
			}
			catch (final IOException e) {
				// nothing was written; a failed close of a read-only file loses nothing
			}
		});
	}

	@Override
	public int getSize() {
		return reader.layout().planes();
	}

	@Override
	public int size() {
		return getSize();
	}

	@Override
	public String getSliceLabel(final int n) {
		return null;
	}

	@Override
	public Object getPixels(final int n) {
		return getProcessor(n).getPixels();
	}

	/**
	 * @throws UncheckedIOException if the plane cannot be read
	 */
	@Override
	public ImageProcessor getProcessor(final int n) {
		try {
			return processor(reader.layout(), reader.readPlane(n - 1));
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** @return an ImageJ processor over a plane of this layout's type (not copied) */
	static ImageProcessor processor(final ImageLayout l, final Object plane) {
		switch (l.type()) {
			case GRAY8:
				return new ByteProcessor(l.width(), l.height(), (byte[]) plane);
			case GRAY16:
				return new ShortProcessor(l.width(), l.height(), (short[]) plane, null);
			case GRAY32:
				return new FloatProcessor(l.width(), l.height(), (float[]) plane);
			default:
				return new ColorProcessor(l.width(), l.height(), (int[]) plane);
		}
	}
}
