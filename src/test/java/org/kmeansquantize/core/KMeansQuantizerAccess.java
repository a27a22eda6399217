package org.kmeansquantize.core;

/** Lets benchmarks run the preparation phase alone. */
final class KMeansQuantizerAccess {

	private KMeansQuantizerAccess() {}

	static TrainingSet prepare(final QuantizeSettings s, final PixelSource source) {
		return KMeansQuantizer.prepare(s.scaling(), source, null, new long[1], Progress.NONE);
	}
}
