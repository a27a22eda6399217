package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.ArrayDataAccess;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.ByteType;
import net.imglib2.type.numeric.integer.IntType;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedIntType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.DoubleType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Intervals;
import net.imglib2.view.Views;

/**
 * An image seen as {@link #size()} pixels of {@link #channels()} values each: the channel axis (if
 * any) holds the values of one pixel, every other axis counts as pixels, in flat iteration order
 * (x fastest). Pixels are read in place, never copied as a whole.
 * <p>
 * Images backed by primitive arrays ({@link ArrayImg}, and {@link PlanarImg} with the channel axis
 * not among x and y) of the ImgLib2 native integer and real types, and packed ARGB images, are read
 * straight from their arrays; any other {@link RandomAccessibleInterval} through cursors. Both paths
 * give the same values. A source may be read from many threads at once; it is not modified by
 * reading. Readers can also store values into the same pixels (used for reconstruction).
 * </p>
 */
public final class PixelSource {

	/** Primitive storage kinds read directly. */
	enum Kind {
		U8, S8, U16, S16, I32, U32, F32, F64, ARGB
	}

	private final long[] pixelDims;
	private final long size;
	final int channels;
	final SampleRange range;
	/** Stride of the channel axis in the full image's flat order (pixels below it). */
	final long stride;
	/** Fast path: the primitive planes, or null for the generic path. */
	final Object[] planes;
	/** Planes loaded on demand (larger-than-memory stacks), or null. */
	final IntFunction<Object> loader;
	final long planeSize;
	final Kind kind;
	/** Generic path: one flat-iterable view per channel. */
	final List<RandomAccessibleInterval<? extends RealType<?>>> channelViews;
	final RandomAccessibleInterval<ARGBType> argbView;
	/** A view computed from another source as it is read ({@link #ofReaders}), or null. */
	private final Supplier<Reader> readers;

	private PixelSource(final long[] pixelDims, final int channels, final SampleRange range, final long stride,
		final Object[] planes, final long planeSize, final Kind kind,
		final List<RandomAccessibleInterval<? extends RealType<?>>> channelViews,
		final RandomAccessibleInterval<ARGBType> argbView)
	{
		this.pixelDims = pixelDims;
		this.size = Intervals.numElements(pixelDims);
		this.channels = channels;
		this.range = range;
		this.stride = stride;
		this.planes = planes;
		this.loader = null;
		this.planeSize = planeSize;
		this.kind = kind;
		this.channelViews = channelViews;
		this.argbView = argbView;
		this.readers = null;
	}

	private PixelSource(final long[] dims, final int channelAxis, final SampleRange range, final Kind kind,
		final Object[] planes, final IntFunction<Object> loader, final boolean argbAlpha)
	{
		this.pixelDims = kind == Kind.ARGB ? dims.clone() : removeAxis(dims, channelAxis);
		this.size = Intervals.numElements(pixelDims);
		this.channels = kind == Kind.ARGB ? (argbAlpha ? 4 : 3) : channelAxis < 0 ? 1 : (int) dims[channelAxis];
		this.range = range;
		long st = 1;
		for (int d = 0; d < channelAxis; d++)
			st *= dims[d];
		this.stride = channelAxis < 0 || kind == Kind.ARGB ? Intervals.numElements(dims) : st;
		this.planes = planes;
		this.loader = loader;
		this.planeSize = planeSize(dims);
		this.kind = kind;
		this.channelViews = null;
		this.argbView = null;
		this.readers = null;
	}

	private PixelSource(final long[] pixelDims, final int channels, final SampleRange range,
		final Supplier<Reader> readers)
	{
		this.pixelDims = pixelDims.clone();
		this.size = Intervals.numElements(pixelDims);
		this.channels = channels;
		this.range = range;
		this.stride = size;
		this.planes = null;
		this.loader = null;
		this.planeSize = 0;
		this.kind = null;
		this.channelViews = null;
		this.argbView = null;
		this.readers = readers;
	}

	/**
	 * A read-only view whose pixels another source's readers compute block by block as they are
	 * read (e.g. an RGB image seen in another colour space), never held as a whole.
	 *
	 * @param pixelDims the pixel grid
	 * @param channels values per pixel
	 * @param range the range of the computed values
	 * @param readers a new reader per call (one per thread); its {@code write} is never called
	 * @return the view
	 */
	static PixelSource ofReaders(final long[] pixelDims, final int channels, final SampleRange range,
		final Supplier<Reader> readers)
	{
		return new PixelSource(pixelDims, channels, range, readers);
	}

	/**
	 * A source over primitive planes held in memory (an ImageJ stack's pixel arrays), read and
	 * written in place. The layout is that of a {@link PlanarImg}: planes of
	 * {@code dims[0] * dims[1]} values over the remaining dimensions in flat order.
	 *
	 * @param dims the image's dimensions (x, y, then the rest), channels included
	 * @param channelAxis the dimension that holds channels (2 or more), or -1
	 * @param type the pixel type: an ImgLib2 native integer or real type ({@link ARGBType} for
	 *          packed RGB, then {@code channelAxis} must be -1)
	 * @param withAlpha for packed RGB, whether alpha is a fourth channel
	 * @param planes the primitive arrays (byte[], short[], int[], float[], double[]), flat order; shared
	 * @return the source
	 * @throws IllegalArgumentException if the type is not supported, the channel axis is x or y, or
	 *           the number of planes does not fit the dimensions
	 */
	public static PixelSource ofPlanes(final long[] dims, final int channelAxis, final Object type,
		final boolean withAlpha, final Object[] planes)
	{
		return planar(dims, channelAxis, type, withAlpha, planes.clone(), null);
	}

	/**
	 * A source whose planes are loaded only when read (an ImageJ virtual stack, a file read plane by
	 * plane): memory holds a few planes per reading thread, never the whole image. Layout as in
	 * {@link #ofPlanes(long[], int, Object, boolean, Object[])}.
	 *
	 * @param dims the image's dimensions (x, y, then the rest), channels included
	 * @param channelAxis the dimension that holds channels (2 or more), or -1
	 * @param type the pixel type: an ImgLib2 native integer or real type ({@link ARGBType} for
	 *          packed RGB, then {@code channelAxis} must be -1)
	 * @param withAlpha for packed RGB, whether alpha is a fourth channel
	 * @param loader plane index (0-based, flat order) to its primitive array (byte[], short[],
	 *          int[], float[], double[]); called from several threads, once per plane and reader
	 * @return the source
	 * @throws IllegalArgumentException if the type is not supported or the channel axis is x or y
	 */
	public static PixelSource ofPlanes(final long[] dims, final int channelAxis, final Object type,
		final boolean withAlpha, final IntFunction<Object> loader)
	{
		return planar(dims, channelAxis, type, withAlpha, null, loader);
	}

	private static PixelSource planar(final long[] dims, final int channelAxis, final Object type,
		final boolean withAlpha, final Object[] planes, final IntFunction<Object> loader)
	{
		if (Intervals.numElements(dims) == 0) throw new IllegalArgumentException("the image has no pixels");
		final long count = Intervals.numElements(dims) / planeSize(dims);
		if (planes != null && planes.length != count) throw new IllegalArgumentException("the image needs " +
			count + " planes, not " + planes.length);
		if (channelAxis == 0 || channelAxis == 1 || channelAxis >= dims.length)
			throw new IllegalArgumentException("channel axis " + channelAxis + " cannot hold channels of a planar image");
		if (type instanceof ARGBType) {
			if (channelAxis >= 0) throw new IllegalArgumentException("packed RGB has no channel axis");
			return new PixelSource(dims, -1, SampleRange.UINT8, Kind.ARGB, planes, loader, withAlpha);
		}
		final Kind kind = type instanceof RealType ? kindOf((RealType<?>) type) : null;
		if (kind == null) throw new IllegalArgumentException("pixel type " + type.getClass().getSimpleName() +
			" is not supported");
		return new PixelSource(dims, channelAxis, SampleRange.of((RealType<?>) type), kind, planes, loader, false);
	}

	/**
	 * @param image the image; it is read in place, not copied
	 * @param channelAxis the dimension that holds channels, or -1 if every pixel has one value
	 * @param <T> pixel type
	 * @return the source
	 * @throws IllegalArgumentException if the image has no pixels, the axis does not exist, or the
	 *           image has more than 2<sup>16</sup> channels
	 */
	public static <T extends RealType<T>> PixelSource of(final RandomAccessibleInterval<T> image,
		final int channelAxis)
	{
		final int n = image.numDimensions();
		if (channelAxis < -1 || channelAxis >= n)
			throw new IllegalArgumentException("channel axis " + channelAxis + " does not exist in a " + n +
				"-dimensional image");
		final long[] dims = image.dimensionsAsLongArray();
		if (Intervals.numElements(dims) == 0) throw new IllegalArgumentException("the image has no pixels");
		final int channels = channelAxis < 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, dims[channelAxis]);
		if (channels > 65536) throw new IllegalArgumentException("the image has " + channels +
			" channels; at most 65536 are supported");
		final long[] pixelDims = removeAxis(dims, channelAxis);
		long stride = 1;
		for (int d = 0; d < channelAxis; d++)
			stride *= dims[d];
		if (channelAxis < 0) stride = Intervals.numElements(dims);
		final T type = image.getType();
		final SampleRange range = SampleRange.of(type);
		final Kind kind = kindOf(type);
		if (kind != null) {
			if (image instanceof ArrayImg) {
				final Object array = storageOf((ArrayImg<?, ?>) image);
				if (array != null) return new PixelSource(pixelDims, channels, range, stride, new Object[] { array },
					Intervals.numElements(dims), kind, null, null);
			}
			else if (image instanceof PlanarImg && (channelAxis < 0 || channelAxis >= 2)) {
				final Object[] planes = planesOf((PlanarImg<?, ?>) image);
				if (planes != null) return new PixelSource(pixelDims, channels, range, stride, planes, n == 1
					? dims[0] : dims[0] * dims[1], kind, null, null);
			}
		}
		final List<RandomAccessibleInterval<? extends RealType<?>>> views = new ArrayList<>();
		if (channelAxis < 0) views.add(Views.zeroMin(image));
		else for (int c = 0; c < channels; c++)
			views.add(Views.hyperSlice(Views.zeroMin(image), channelAxis, c));
		return new PixelSource(pixelDims, channels, range, stride, null, 0, null, views, null);
	}

	/**
	 * @param image packed ARGB pixels (ImageJ's RGB); read in place, not copied
	 * @param withAlpha whether alpha is a fourth channel (R, G, B, A) or ignored (R, G, B)
	 * @return a source of 3 or 4 8-bit channels
	 * @throws IllegalArgumentException if the image has no pixels
	 */
	public static PixelSource ofArgb(final RandomAccessibleInterval<ARGBType> image, final boolean withAlpha) {
		final long[] dims = image.dimensionsAsLongArray();
		final long n = Intervals.numElements(dims);
		if (n == 0) throw new IllegalArgumentException("the image has no pixels");
		final int channels = withAlpha ? 4 : 3;
		if (image instanceof ArrayImg) {
			final Object array = storageOf((ArrayImg<?, ?>) image);
			if (array != null) return new PixelSource(dims, channels, SampleRange.UINT8, n, new Object[] { array }, n,
				Kind.ARGB, null, null);
		}
		else if (image instanceof PlanarImg) {
			final Object[] planes = planesOf((PlanarImg<?, ?>) image);
			if (planes != null) return new PixelSource(dims, channels, SampleRange.UINT8, n, planes, planeSize(dims),
				Kind.ARGB, null, null);
		}
		return new PixelSource(dims, channels, SampleRange.UINT8, n, null, 0, Kind.ARGB, null, Views.zeroMin(
			image));
	}

	/** @return number of pixels (product of all dimensions but the channel axis) */
	public long size() {
		return size;
	}

	/** @return values per pixel */
	public int channels() {
		return channels;
	}

	/** @return the dimensions of the pixel grid: the image's, without the channel axis */
	public long[] pixelDimensions() {
		return pixelDims.clone();
	}

	/** @return the range of the pixel type */
	public SampleRange range() {
		return range;
	}

	/** @return whether pixels are read straight from primitive arrays (held or loaded on demand) */
	public boolean isDirect() {
		return planes != null || loader != null;
	}

	/** @return whether planes are loaded only when read */
	public boolean isLoadedOnDemand() {
		return loader != null;
	}

	/** @return the primitive planes of a direct source, shared (not copied), else null */
	Object[] planes() {
		return planes;
	}

	/** @return elements per plane of a direct source */
	long planeSize() {
		return planeSize;
	}

	/** @return whether this is a direct packed-ARGB source */
	boolean isDirectArgb() {
		return planes != null && kind == Kind.ARGB;
	}

	/** @return whether this is a direct 8- or 16-bit unsigned source of one channel */
	boolean isDirectGrey() {
		return planes != null && (kind == Kind.U8 || kind == Kind.U16) && channels == 1;
	}

	/** @return whether this is a direct 8-bit unsigned source of one channel */
	boolean isDirectU8() {
		return planes != null && kind == Kind.U8 && channels == 1;
	}

	/**
	 * @return a new reader; each thread needs its own
	 */
	public Reader reader() {
		if (readers != null) return readers.get();
		if (planes != null || loader != null) return new DirectReader(this);
		if (argbView != null) return new ArgbCursorReader(this);
		return new CursorReader(this);
	}

	/** Reads pixels into a buffer; one per thread. */
	public abstract static class Reader {

		Reader() {}

		/**
		 * Reads pixels {@code [start, start + n)} into {@code out[i * channels + c]}.
		 *
		 * @param start first pixel
		 * @param n number of pixels
		 * @param out at least {@code n * channels()} floats
		 */
		public abstract void read(long start, int n, float[] out);

		abstract void write(long start, int n, float[] in);
	}

	static void unpack(final int argb, final float[] out, final int o, final int nc) {
		out[o] = (argb >>> 16) & 0xff;
		out[o + 1] = (argb >>> 8) & 0xff;
		out[o + 2] = argb & 0xff;
		if (nc == 4) out[o + 3] = argb >>> 24;
	}

	static int pack(final float[] in, final int o, final int nc) {
		final int r = (int) SampleRange.UINT8.fit(in[o]);
		final int g = (int) SampleRange.UINT8.fit(in[o + 1]);
		final int b = (int) SampleRange.UINT8.fit(in[o + 2]);
		final int alpha = nc == 4 ? (int) SampleRange.UINT8.fit(in[o + 3]) : 255;
		return (alpha << 24) | (r << 16) | (g << 8) | b;
	}

	/** @return the primitive array behind an array image, or null if it has none */
	private static Object storageOf(final ArrayImg<?, ?> img) {
		final Object access = img.update(null);
		return access instanceof ArrayDataAccess ? ((ArrayDataAccess<?>) access).getCurrentStorageArray() : null;
	}

	private static Object[] planesOf(final PlanarImg<?, ?> img) {
		final Object[] planes = new Object[img.numSlices()];
		for (int i = 0; i < planes.length; i++) {
			final Object p = img.getPlane(i);
			if (!(p instanceof ArrayDataAccess)) return null;
			planes[i] = ((ArrayDataAccess<?>) p).getCurrentStorageArray();
		}
		return planes;
	}

	private static Kind kindOf(final NativeType<?> type) {
		if (type instanceof UnsignedByteType) return Kind.U8;
		if (type instanceof ByteType) return Kind.S8;
		if (type instanceof UnsignedShortType) return Kind.U16;
		if (type instanceof ShortType) return Kind.S16;
		if (type instanceof IntType) return Kind.I32;
		if (type instanceof UnsignedIntType) return Kind.U32;
		if (type instanceof FloatType) return Kind.F32;
		if (type instanceof DoubleType) return Kind.F64;
		return null;
	}

	private static Kind kindOf(final RealType<?> type) {
		return type instanceof NativeType && type.getClass().getPackage().getName().startsWith("net.imglib2.type")
			? kindOf((NativeType<?>) type) : null;
	}

	static long[] removeAxis(final long[] dims, final int axis) {
		if (axis < 0) return dims.clone();
		final long[] r = new long[dims.length - 1];
		for (int d = 0, j = 0; d < dims.length; d++)
			if (d != axis) r[j++] = dims[d];
		return r;
	}

	/**
	 * @param dims an image's dimensions (with or without its channel axis, which is not x or y)
	 * @return elements per plane: dims[0]·dims[1], or dims[0] for a 1-D image
	 */
	static long planeSize(final long[] dims) {
		return dims.length == 1 ? dims[0] : dims[0] * dims[1];
	}

	/**
	 * @param dims dimensions
	 * @return them as {@code 3x4x5}, for messages
	 */
	static String dims(final long[] dims) {
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < dims.length; i++)
			sb.append(i == 0 ? "" : "x").append(dims[i]);
		return sb.toString();
	}

	/**
	 * @param what what has the dimensions {@code dims} ("mask", "label image")
	 * @param dims its dimensions
	 * @param owner whose pixels it must match ("image", "target")
	 * @param pixelDims their dimensions
	 * @throws IllegalArgumentException if the dimensions differ
	 */
	static void requireShape(final String what, final long[] dims, final String owner, final long[] pixelDims) {
		if (!java.util.Arrays.equals(dims, pixelDims)) throw new IllegalArgumentException("the " + what + " is " +
			dims(dims) + " but the " + owner + "'s pixels are " + dims(pixelDims));
	}
}
