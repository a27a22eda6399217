package org.kmeansquantize.imagej;

import org.kmeansquantize.core.Codebook;
import org.kmeansquantize.core.SampleRange;

/**
 * Whether a codebook fits an image: the same number of channels and the same value type and range
 * (an 8-bit RGB codebook applied to a 16-bit 3-channel image would put every pixel into the
 * brightest entry). Apply codebook and Reconstruct refuse a codebook that does not fit, in one
 * line, unless the user sets {@value ImagePlusQuantizer#KEY_FORCE}. Stateless.
 */
public final class CodebookFit {

	private CodebookFit() {}

	/**
	 * @param codebook the codebook
	 * @param channels the image's values per pixel (3 for RGB)
	 * @param range the image's value type and range
	 * @param what the image, as the message names it, e.g. {@code 'cells.tif'}
	 * @param force accept another value type or range (never another channel count, which no
	 *          assignment can use)
	 * @throws IllegalArgumentException with a one-line message if the codebook does not fit
	 */
	public static void check(final Codebook codebook, final int channels, final SampleRange range,
		final String what, final boolean force)
	{
		if (codebook.channels() != channels) throw new IllegalArgumentException("the codebook has " + codebook
			.channels() + " channel" + (codebook.channels() == 1 ? "" : "s") + " but " + what + " has " + channels);
		if (force || codebook.range().equals(range)) return;
		throw new IllegalArgumentException("the codebook holds " + describe(codebook.range()) + " but " + what +
			" holds " + describe(range) + "; add " + ImagePlusQuantizer.KEY_FORCE + "=true to use it anyway");
	}

	/** @return e.g. {@code 8-bit integers (0-255)} or {@code 32-bit floats} */
	static String describe(final SampleRange r) {
		if (!r.isInteger()) return r.bits() + "-bit floating-point values";
		return r.bits() + "-bit integers (" + (long) r.min() + "-" + (long) r.max() + ")";
	}
}
