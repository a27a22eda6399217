package org.kmeansquantize.io;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;

import org.kmeansquantize.core.PixelSource;

/**
 * An image held as primitive planes in ImageJ's hyperstack order (see {@link ImageLayout}):
 * {@code byte[]}, {@code short[]} or {@code float[]} planes of one channel each for the grey types,
 * {@code int[]} packed ARGB planes for rgb and rgba. The planes are shared, never copied: the
 * {@link #pixels()} source and an ImageJ stack made from {@link #plane(int)} see the same memory.
 * Needs no ImageJ class, so that PNG and JPEG files are handled without loading ImageJ.
 */
public final class Planes implements InputImage {

	private final ImageLayout layout;
	private final Object[] planes;

	/**
	 * @param layout the image's layout
	 * @param planes {@code layout.planes()} arrays of {@code width * height} elements, of the type's
	 *          primitive (shared, not copied)
	 * @throws IllegalArgumentException if the arrays do not match the layout
	 */
	public Planes(final ImageLayout layout, final Object[] planes) {
		final int n = layout.width() * layout.height();
		if (planes.length != layout.planes()) throw new IllegalArgumentException("the layout has " + layout.planes() +
			" planes, not " + planes.length);
		for (final Object p : planes)
			if (p == null || p.getClass() != arrayClass(layout.type()) || Array.getLength(p) != n)
				throw new IllegalArgumentException("a " + layout.type().key() + " plane must be a " + arrayClass(layout
					.type()).getSimpleName() + " of " + n + " pixels");
		this.layout = layout;
		this.planes = planes.clone();
	}

	/**
	 * @param layout the image's layout
	 * @return zero-filled planes for that layout
	 */
	public static Planes allocate(final ImageLayout layout) {
		final int n = layout.width() * layout.height();
		final Object[] p = new Object[layout.planes()];
		for (int i = 0; i < p.length; i++)
			p[i] = Array.newInstance(arrayClass(layout.type()).getComponentType(), n);
		return new Planes(layout, p);
	}

	@Override
	public ImageLayout layout() {
		return layout;
	}

	/**
	 * @param i plane index, 0-based, in ImageJ's stack order (channel fastest, then slice, frame)
	 * @return the plane's array, shared
	 */
	public Object plane(final int i) {
		return planes[i];
	}

	/**
	 * A new source over these planes on every call; reading and writing it reads and writes them.
	 */
	@Override
	public PixelSource pixels() {
		final ImageLayout l = layout;
		final boolean colour = l.type() == ImageLayout.Type.RGB || l.type() == ImageLayout.Type.RGBA;
		final long[] dims = colour ? l.pixelDimensions() : new long[] { l.width(), l.height(), l.channels(), l
			.slices(), l.frames() };
		return PixelSource.ofPlanes(dims, colour ? -1 : 2, pixelType(l.type()), l.type() == ImageLayout.Type.RGBA,
			planes);
	}

	static Object pixelType(final ImageLayout.Type type) {
		switch (type) {
			case GRAY8:
				return new UnsignedByteType();
			case GRAY16:
				return new UnsignedShortType();
			case GRAY32:
				return new FloatType();
			default:
				return new ARGBType();
		}
	}

	/**
	 * @param labels label planes, one per {@link ImageLayout#labelPlanes()}, of width&times;height
	 *          bytes (shared, not copied)
	 * @param layout the layout they label
	 * @return the labels over {@link ImageLayout#pixelDimensions()}
	 */
	public static RandomAccessibleInterval<UnsignedByteType> labels(final byte[][] labels,
		final ImageLayout layout)
	{
		if (labels.length != layout.labelPlanes()) throw new IllegalArgumentException("the layout has " + layout
			.labelPlanes() + " label planes, not " + labels.length);
		final List<ByteArray> list = new ArrayList<>();
		for (final byte[] p : labels) {
			if (p.length != layout.width() * layout.height()) throw new IllegalArgumentException(
				"a label plane must have " + layout.width() * layout.height() + " pixels, not " + p.length);
			list.add(new ByteArray(p));
		}
		final PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(list, layout.pixelDimensions(),
			new Fraction());
		img.setLinkedType(new UnsignedByteType(img));
		return img;
	}

	private static Class<?> arrayClass(final ImageLayout.Type type) {
		switch (type) {
			case GRAY8:
				return byte[].class;
			case GRAY16:
				return short[].class;
			case GRAY32:
				return float[].class;
			default:
				return int[].class;
		}
	}
}
