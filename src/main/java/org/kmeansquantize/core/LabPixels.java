package org.kmeansquantize.core;

/**
 * CIE L*a*b* for 8-bit sRGB pixels (D65 white, the sRGB transfer function and primaries of IEC
 * 61966-2-1), and a view of an RGB {@link PixelSource} as three float channels L*, a*, b*,
 * converted block by block as it is read. Stateless and thread-safe; the conversion uses
 * {@link StrictMath}, so it gives the same values on every machine.
 */
public final class LabPixels {

	/** D65 reference white, Y normalised to 1. */
	private static final double XN = 0.95047, YN = 1.0, ZN = 1.08883;
	/** CIE constants: (6/29)^3 and (29/3)^3. */
	private static final double EPSILON = 216.0 / 24389, KAPPA = 24389.0 / 27;
	/** Linear-light value of every 8-bit sRGB code. */
	private static final double[] LINEAR = new double[256];

	static {
		for (int v = 0; v < 256; v++)
			LINEAR[v] = linear(v / 255.0);
	}

	private LabPixels() {}

	/**
	 * @param r red, 0-255 (need not be whole)
	 * @param g green, 0-255
	 * @param b blue, 0-255
	 * @param lab written: L* (0-100), a*, b*
	 */
	public static void toLab(final double r, final double g, final double b, final double[] lab) {
		xyzToLab(linearOf(r), linearOf(g), linearOf(b), lab);
	}

	/**
	 * @param l L*
	 * @param a a*
	 * @param b b*
	 * @param rgb written: red, green, blue on the 0-255 scale, neither rounded nor clamped (colours
	 *          outside the sRGB gamut fall outside 0-255)
	 */
	public static void toRgb(final double l, final double a, final double b, final double[] rgb) {
		final double fy = (l + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
		final double x = XN * finv(fx), y = YN * (l > KAPPA * EPSILON ? fy * fy * fy : l / KAPPA), z = ZN * finv(fz);
		rgb[0] = 255 * gamma(3.2404542 * x - 1.5371385 * y - 0.4985314 * z);
		rgb[1] = 255 * gamma(-0.9692660 * x + 1.8760108 * y + 0.0415560 * z);
		rgb[2] = 255 * gamma(0.0556434 * x - 0.2040259 * y + 1.0572252 * z);
	}

	/**
	 * An RGB image seen as L*a*b*: three float channels, computed from the RGB values block by
	 * block as a reader reads them (no copy of the image). Read-only.
	 *
	 * @param rgb three 8-bit channels R, G, B
	 * @return the view, over the same pixels
	 * @throws IllegalArgumentException if {@code rgb} is not three 8-bit channels
	 */
	public static PixelSource view(final PixelSource rgb) {
		requireRgb(rgb);
		return PixelSource.ofReaders(rgb.pixelDimensions(), 3, SampleRange.FLOAT32, () -> new LabReader(rgb
			.reader()));
	}

	/**
	 * @param rgb a source
	 * @throws IllegalArgumentException with a one-line message if it is not three 8-bit channels
	 */
	static void requireRgb(final PixelSource rgb) {
		if (rgb.channels() != 3 || !rgb.range().equals(SampleRange.UINT8))
			throw new IllegalArgumentException(QuantizeSettings.KEY_SPACE + "=" + ColourSpace.LAB.key() +
				" needs an RGB image (3 channels of 8 bits), not " + describe(rgb.channels(), rgb.range()));
	}

	/**
	 * @param channels a channel count
	 * @param range a value range
	 * @return e.g. {@code 1 channel of 16 bits}, {@code 3 channels of 32-bit floats}
	 */
	static String describe(final int channels, final SampleRange range) {
		return channels + " channel" + (channels == 1 ? "" : "s") + " of " + range.bits() + (range.isInteger()
			? " bits" : "-bit floats");
	}

	private static double linearOf(final double v) {
		return v == Math.rint(v) && v >= 0 && v <= 255 ? LINEAR[(int) v] : linear(v / 255);
	}

	private static void xyzToLab(final double lr, final double lg, final double lb, final double[] lab) {
		final double x = 0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb;
		final double y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb;
		final double z = 0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb;
		final double fx = f(x / XN), fy = f(y / YN), fz = f(z / ZN);
		lab[0] = 116 * fy - 16;
		lab[1] = 500 * (fx - fy);
		lab[2] = 200 * (fy - fz);
	}

	private static double f(final double t) {
		return t > EPSILON ? StrictMath.cbrt(t) : (KAPPA * t + 16) / 116;
	}

	private static double finv(final double f) {
		final double t = f * f * f;
		return t > EPSILON ? t : (116 * f - 16) / KAPPA;
	}

	/** sRGB transfer function, inverse: code value 0-1 to linear light. */
	private static double linear(final double v) {
		return v <= 0.04045 ? v / 12.92 : StrictMath.pow((v + 0.055) / 1.055, 2.4);
	}

	/** sRGB transfer function: linear light to code value 0-1 (negative values kept negative). */
	private static double gamma(final double v) {
		return v <= 0.0031308 ? 12.92 * v : 1.055 * StrictMath.pow(v, 1 / 2.4) - 0.055;
	}

	/** Reads RGB pixels and converts them in place; one per thread. */
	private static final class LabReader extends PixelSource.Reader {

		private final PixelSource.Reader rgb;
		private final double[] lab = new double[3];

		LabReader(final PixelSource.Reader rgb) {
			this.rgb = rgb;
		}

		@Override
		public void read(final long start, final int n, final float[] out) {
			rgb.read(start, n, out);
			for (int i = 0, o = 0; i < n; i++, o += 3) {
				xyzToLab(LINEAR[(int) out[o]], LINEAR[(int) out[o + 1]], LINEAR[(int) out[o + 2]], lab);
				out[o] = (float) lab[0];
				out[o + 1] = (float) lab[1];
				out[o + 2] = (float) lab[2];
			}
		}

		@Override
		void write(final long start, final int n, final float[] in) {
			throw new UnsupportedOperationException("a Lab view is read-only");
		}
	}
}
