package org.kmeansquantize.io;

import ij.ImagePlus;
import ij.ImageStack;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;

import org.kmeansquantize.core.PixelSource;

/**
 * The pixels of an ImageJ 1 image as the core sees them. An {@link ImagePlus} of w&times;h pixels
 * with C channels, Z slices and T frames is wrapped, without copying, as pixels over (x, y, z, t)
 * with C values each (RGB: 3 values; 8-, 16- and 32-bit: one value per channel). The TIFF reader
 * and everything above it go through here.
 */
public final class ImagePlusPixels {

	private ImagePlusPixels() {}

	/**
	 * @param imp an 8-, 16-, 32-bit or RGB image, stack or hyperstack (virtual stacks are read
	 *          plane by plane into memory)
	 * @return its pixels: dimensions (x, y, z, t), {@code imp.getNChannels()} values per pixel (3 for RGB)
	 * @throws IllegalArgumentException for an 8-bit colour (COLOR_256) image, which has no values to cluster
	 */
	public static PixelSource pixels(final ImagePlus imp) {
		final ImageStack stack = imp.getStack();
		final long w = imp.getWidth(), h = imp.getHeight();
		final int nc = imp.getNChannels(), nz = imp.getNSlices(), nt = imp.getNFrames();
		final int planes = stack.getSize();
		if (planes != nc * nz * nt) throw new IllegalArgumentException("the stack has " + planes +
			" planes but its channels x slices x frames are " + nc + "x" + nz + "x" + nt);
		final boolean rgb = imp.getType() == ImagePlus.COLOR_RGB;
		final long[] dims = rgb ? new long[] { w, h, (long) nz * nc, nt } : new long[] { w, h, nc, nz, nt };
		final int axis = rgb ? -1 : 2;
		final Object type = pixelType(imp.getType());
		if (stack.isVirtual()) {
			// planes read from disk as they are needed: memory holds a few per thread, never the stack
			return PixelSource.ofPlanes(dims, axis, type, false, i -> {
				synchronized (stack) {
					return stack.getProcessor(i + 1).getPixels();
				}
			});
		}
		final Object[] arrays = new Object[planes];
		for (int i = 0; i < planes; i++)
			arrays[i] = stack.getPixels(i + 1);
		return PixelSource.ofPlanes(dims, axis, type, false, arrays);
	}

	/**
	 * @param imageType an ImageJ image type
	 * @return the ImgLib2 type of its pixel values (packed ARGB for RGB)
	 * @throws IllegalArgumentException for 8-bit colour (COLOR_256), which has no values to cluster
	 */
	public static Object pixelType(final int imageType) {
		switch (imageType) {
			case ImagePlus.GRAY8:
				return new UnsignedByteType();
			case ImagePlus.GRAY16:
				return new UnsignedShortType();
			case ImagePlus.GRAY32:
				return new FloatType();
			case ImagePlus.COLOR_RGB:
				return new ARGBType();
			default:
				throw new IllegalArgumentException("8-bit colour images are not supported: convert to RGB first (Image > Type > RGB Color)");
		}
	}
}
