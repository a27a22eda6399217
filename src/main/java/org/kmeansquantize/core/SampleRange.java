package org.kmeansquantize.core;

import net.imglib2.type.numeric.IntegerType;
import net.imglib2.type.numeric.RealType;

/**
 * The values a pixel type can hold: its range and whether it is integral. Reconstructed codebook
 * values are rounded and clamped into it for integer types and kept as they are otherwise.
 */
public final class SampleRange implements java.io.Serializable {

	private static final long serialVersionUID = 1L;

	/** 8-bit unsigned: 0..255. */
	public static final SampleRange UINT8 = new SampleRange(0, 255, true, 8);
	/** 16-bit unsigned: 0..65535. */
	public static final SampleRange UINT16 = new SampleRange(0, 65535, true, 16);
	/** 32-bit float: any finite value. */
	public static final SampleRange FLOAT32 = new SampleRange(-Float.MAX_VALUE, Float.MAX_VALUE, false, 32);

	private final double min;
	private final double max;
	private final boolean integer;
	private final int bits;

	/**
	 * @param min smallest value
	 * @param max largest value
	 * @param integer whether values are integers
	 * @param bits bits per sample of the type
	 */
	public SampleRange(final double min, final double max, final boolean integer, final int bits) {
		this.min = min;
		this.max = max;
		this.integer = integer;
		this.bits = bits;
	}

	/**
	 * @param type a pixel type
	 * @return its range
	 */
	public static SampleRange of(final RealType<?> type) {
		if (type instanceof IntegerType)
			return new SampleRange(type.getMinValue(), type.getMaxValue(), true, type.getBitsPerPixel());
		return new SampleRange(type.getMinValue(), type.getMaxValue(), false, type.getBitsPerPixel());
	}

	/** @return smallest value */
	public double min() {
		return min;
	}

	/** @return largest value */
	public double max() {
		return max;
	}

	/** @return whether values are integers */
	public boolean isInteger() {
		return integer;
	}

	/** @return bits per sample */
	public int bits() {
		return bits;
	}

	/**
	 * @param v a value in input units
	 * @return {@code v} rounded and clamped into this range for integer types, else unchanged
	 */
	public double fit(final double v) {
		if (!integer || Double.isNaN(v)) return v;
		return Math.max(min, Math.min(max, Math.rint(v)));
	}

	@Override
	public boolean equals(final Object o) {
		if (!(o instanceof SampleRange)) return false;
		final SampleRange r = (SampleRange) o;
		return min == r.min && max == r.max && integer == r.integer && bits == r.bits;
	}

	@Override
	public int hashCode() {
		return Double.hashCode(min) * 31 + Double.hashCode(max) * 7 + (integer ? 1 : 0) + bits * 131;
	}

	@Override
	public String toString() {
		return (integer ? "integer " : "real ") + bits + "-bit [" + min + ", " + max + "]";
	}
}
