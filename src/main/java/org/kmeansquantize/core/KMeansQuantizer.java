package org.kmeansquantize.core;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.BooleanType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Learns a codebook from an image with k-means, assigns every pixel to its nearest entry, and
 * reconstructs images from labels. All methods are static, stateless and safe to call from many
 * threads at once; they use ImgLib2's current {@code Parallelization} task executor, and their
 * results do not depend on the number of threads.
 * <p>
 * Training, in order:
 * </p>
 * <ol>
 * <li>The training pixels (those in the mask, if any, with finite values) are gathered: for
 * integer images whose channels pack into 62 bits, as their distinct values with counts (an exact
 * stand-in, at most {@value TrainingSet#DISTINCT_LIMIT} values); otherwise they are streamed from
 * the image on each pass. Memory beyond the image is bounded by a constant, never by the number
 * of pixels.</li>
 * <li>One channel, distinct values known: the globally optimal k levels by dynamic programming.</li>
 * <li>Otherwise: a uniform sample of the image (or the distinct values themselves when they are
 * fewer) and, for up to four channels, a coarse stand-in of it (its points binned on a grid, each
 * bin its mean and weight: a few thousand points for a photo). Candidates (10, 4, 3 or 1 by k) are
 * seeded with greedy k-means++ and converged by Lloyd passes on the coarse stand-in (without one:
 * by mini-batch k-means on batches drawn from the sample, then Lloyd passes on the sample); the
 * best one goes on to exact Lloyd passes over all training pixels until a pass
 * lowers the distortion by less than the tolerance or the pass cap is reached (for streamed images
 * of more than four million pixels, first on a sample of a million pixels held in memory, so that
 * few passes over the image remain). Lloyd passes over values held in memory use Hamerly's bounds
 * ({@link DistinctLloyd}), the exact ones over many colours a k-d tree ({@link FilteringLloyd}); all
 * take over-relaxed steps ({@link Convergence}).
 * Empty centres are moved to the pixel farthest from its centre.</li>
 * </ol>
 * <p>
 * Entries are ordered by brightness (the sum of their scaled channel values), which makes label
 * images of one channel monotonic in intensity and keeps similar colours at nearby indices.
 * </p>
 * <p>
 * With {@link QuantizeSettings#space()} {@link ColourSpace#LAB}, an RGB image is trained and
 * assigned on its L*a*b* view ({@link LabPixels}) and the codebook comes back in RGB (see
 * {@link LabQuantizer}).
 * </p>
 * <p>
 * This class is the entry point; the work is done by {@link TrainingPixels} (gathering the
 * training pixels), {@link Training} (seeding, restarts and Lloyd passes), {@link CodebookBuilder}
 * (the codebook of the centres) and {@link Labelling} (assignment and reconstruction).
 * </p>
 */
public final class KMeansQuantizer {

	private KMeansQuantizer() {}

	/**
	 * Learns a codebook.
	 *
	 * @param settings the settings
	 * @param source the image's pixels; not modified
	 * @param mask training pixels (true: train on it) over {@code source.pixelDimensions()}, or null
	 *          for all pixels; not modified
	 * @param progress progress and cancellation
	 * @return the codebook, with at most {@code settings.colors()} learned entries: fewer when the
	 *         training pixels have fewer distinct values, plus the non-finite entry when the image
	 *         has NaN or infinite values (then at most 255 learned entries)
	 * @throws IllegalArgumentException if the mask does not match the image or there is no pixel
	 *           to train on (an empty mask, an all-NaN image)
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static Codebook train(final QuantizeSettings settings, final PixelSource source,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Progress progress)
	{
		if (settings.space() == ColourSpace.LAB) return LabQuantizer.train(settings, source, mask, progress);
		return Training.train(settings, source, mask, progress).codebook();
	}

	/**
	 * Learns a codebook as {@link #train} does, and keeps what training gathered for labelling the
	 * same image: {@link TrainedCodebook#assign} then gives the labels of
	 * {@link #assign(Codebook, PixelSource, RandomAccessibleInterval, ColourSpace, Progress)} in
	 * the settings' colour space, for an 8-bit RGB image many times faster (one search per distinct
	 * colour, not per pixel).
	 *
	 * @param settings the settings
	 * @param source the image's pixels; not modified. Labelling expects them unchanged since: its
	 *          counts and error are training's; a colour training did not see sends it to the
	 *          per-pixel search
	 * @param mask training pixels over {@code source.pixelDimensions()}, or null for all pixels
	 * @param progress progress and cancellation
	 * @return the codebook, ready to label {@code source}
	 * @throws IllegalArgumentException as {@link #train}
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static TrainedCodebook learn(final QuantizeSettings settings, final PixelSource source,
		final RandomAccessibleInterval<? extends BooleanType<?>> mask, final Progress progress)
	{
		if (settings.space() == ColourSpace.LAB) return new TrainedCodebook(LabQuantizer.train(settings, source, mask,
			progress), source, ColourSpace.LAB, null, null, null);
		return Training.train(settings, source, mask, progress);
	}

	/**
	 * Writes the label of every pixel: the index of its nearest codebook entry (distances weighted
	 * by {@link Codebook#channelWeight(int)}, to the entries' {@linkplain Codebook#fitted(int, int)
	 * reconstructed values}); non-finite pixels get {@link Codebook#nonFiniteLabel()}.
	 *
	 * @param codebook the codebook
	 * @param source the image's pixels; not modified
	 * @param labels written: one label per pixel, over {@code source.pixelDimensions()}
	 * @param progress progress and cancellation
	 * @return pixels per label and the reconstruction error
	 * @throws IllegalArgumentException if the shapes or channel counts do not match, or the image
	 *           has non-finite values and the codebook no entry for them
	 * @throws java.util.concurrent.CancellationException if cancelled (labels are then partly written)
	 */
	public static Assignment assign(final Codebook codebook, final PixelSource source,
		final RandomAccessibleInterval<UnsignedByteType> labels, final Progress progress)
	{
		return Labelling.assign(codebook, source, labels, progress);
	}

	/**
	 * Writes the label of every pixel, nearest in the given colour space: as
	 * {@link #assign(Codebook, PixelSource, RandomAccessibleInterval, Progress)} for
	 * {@link ColourSpace#RGB}; for {@link ColourSpace#LAB} (RGB image and codebook) the nearest entry
	 * in L*a*b*, with the reconstruction error still measured in RGB.
	 *
	 * @param codebook the codebook
	 * @param source the image's pixels; not modified
	 * @param labels written: one label per pixel, over {@code source.pixelDimensions()}
	 * @param space where distances are measured
	 * @param progress progress and cancellation
	 * @return pixels per label and the reconstruction error (input units)
	 * @throws IllegalArgumentException if the shapes or channel counts do not match, or Lab is asked
	 *           for an image or codebook that is not RGB
	 * @throws java.util.concurrent.CancellationException if cancelled (labels are then partly written)
	 */
	public static Assignment assign(final Codebook codebook, final PixelSource source,
		final RandomAccessibleInterval<UnsignedByteType> labels, final ColourSpace space, final Progress progress)
	{
		if (space == ColourSpace.LAB) return LabQuantizer.assign(codebook, source, labels, progress);
		return Labelling.assign(codebook, source, labels, progress);
	}

	/**
	 * Replaces every label by its entry's {@linkplain Codebook#fitted(int, int) reconstructed
	 * values}.
	 *
	 * @param codebook the codebook
	 * @param labels one label per pixel; not modified
	 * @param target written: its pixels over {@code labels}' dimensions, {@code codebook.channels()}
	 *          values each
	 * @param progress progress and cancellation
	 * @throws IllegalArgumentException if the shapes or channel counts do not match, or a label has
	 *           no entry in the codebook
	 * @throws java.util.concurrent.CancellationException if cancelled
	 */
	public static void reconstruct(final Codebook codebook, final RandomAccessibleInterval<UnsignedByteType> labels,
		final PixelSource target, final Progress progress)
	{
		Labelling.reconstruct(codebook, labels, target, progress);
	}
}
