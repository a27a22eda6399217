package org.kmeansquantize.core;

/** Lets benchmarks run the preparation phase alone. */
final class KMeansQuantizerAccess {

	private KMeansQuantizerAccess() {}

	static TrainingSet prepare(final QuantizeSettings s, final PixelSource source) {
		return TrainingPixels.prepare(s.scaling(), source, null, Progress.NONE).set;
	}
}
