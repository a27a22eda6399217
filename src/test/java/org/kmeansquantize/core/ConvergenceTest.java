package org.kmeansquantize.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import net.imglib2.img.array.ArrayImgs;

import org.junit.jupiter.api.Test;

/**
 * Over-relaxed Lloyd passes ({@link Convergence}) on a real photo's colours: they reach plain
 * Lloyd's quality in fewer passes, the distortion never grows, and the result is the plain step
 * of the last pass.
 */
class ConvergenceTest {

	private static final double TOLERANCE = 1e-4;

	/** Every pass's distortion, in order. */
	private static final class Recording implements LloydPasses {

		private final LloydPasses passes;
		final List<Double> distortions = new ArrayList<>();

		Recording(final LloydPasses passes) {
			this.passes = passes;
		}

		@Override
		public TrainingSet.Partial pass(final double[] centres, final int k, final Progress progress) {
			final TrainingSet.Partial p = passes.pass(centres, k, progress);
			distortions.add(p.distortion);
			return p;
		}
	}

	private static TrainingSet.Distinct chelsea() throws IOException {
		final BufferedImage im = ImageIO.read(Paths.get("samples", "chelsea.png").toFile());
		final int w = im.getWidth(), h = im.getHeight();
		final int[] argb = im.getRGB(0, 0, w, h, null, 0, w);
		return (TrainingSet.Distinct) TrainingPixels.prepare(ChannelScaling.NONE, PixelSource.ofArgb(ArrayImgs.argbs(
			argb, w, h), false), null, Progress.NONE).set;
	}

	private static LloydPasses passes(final TrainingSet.Distinct set, final int k) {
		return k >= ColourKMeans.TREE_MIN_K ? new FilteringLloyd(set.points, set.weights, 3) : new DistinctLloyd(
			set.points, set.weights, 3, null);
	}

	private static Convergence.Relocation none() {
		return (c, j, first, p) -> {
			throw new AssertionError("centre " + j + " emptied");
		};
	}

	@Test
	void relaxedStepsReachPlainLloydInFewerPasses() throws IOException {
		final TrainingSet.Distinct set = chelsea();
		int relaxedPasses = 0, plainTotal = 0;
		for (final int k : new int[] { 16, 64, 256 }) {
			final double[] seeds = WuPartition.partition(set.points, set.weights, set.distinct(), 3, k).seeds;
			// plain Lloyd, same stopping rule
			final double[] plain = seeds.clone();
			final LloydPasses lloyd = passes(set, k);
			double prev = Double.POSITIVE_INFINITY;
			int plainPasses = 0;
			while (true) {
				final TrainingSet.Partial p = lloyd.pass(plain, k, Progress.NONE);
				plainPasses++;
				Training.moveToMeans(p, plain, k, 3);
				if (Training.converged(prev, p.distortion, TOLERANCE)) break;
				prev = p.distortion;
			}
			final double[] relaxed = seeds.clone();
			final Recording rec = new Recording(passes(set, k));
			final TrainingSet.Partial last = Convergence.run(rec, relaxed, k, 3, 500, TOLERANCE, none(),
				Progress.NONE);
			final int n = rec.distortions.size();
			relaxedPasses += n;
			plainTotal += plainPasses;
			final double plainD = set.lloyd(plain, k, Progress.NONE).distortion;
			final double relaxedD = set.lloyd(relaxed, k, Progress.NONE).distortion;
			assertTrue(relaxedD <= plainD * 1.001, "k=" + k + ": distortion " + relaxedD + " against plain " + plainD);
			// the last pass has the least distortion of all, and the centres are its means
			assertEquals(Collections.min(rec.distortions), last.distortion, 0, "k=" + k);
			final double[] means = new double[k * 3];
			for (int j = 0; j < k; j++)
				for (int c = 0; c < 3; c++)
					means[j * 3 + c] = last.sums[j * 3 + c] / last.weights[j];
			assertArrayEquals(means, relaxed, "k=" + k);
		}
		assertTrue(relaxedPasses < plainTotal * 0.8, relaxedPasses + " relaxed passes, " + plainTotal + " plain ones");
	}

	/**
	 * Random clouds of a few hundred points, where long steps overshoot now and then: the
	 * distortion still never grows, and each overshooting pass is followed by the plain step.
	 */
	@Test
	void anOvershootIsUndone() {
		int overshoots = 0;
		for (int seed = 0; seed < 40; seed++) {
			final SplittableRandom rnd = new SplittableRandom(seed);
			final int n = 300, k = 12;
			final float[] pts = new float[n * 3];
			final long[] wts = new long[n];
			for (int i = 0; i < n; i++) {
				final int blob = rnd.nextInt(6);
				for (int c = 0; c < 3; c++) {
					final double centre = c == 2 ? 25 * blob : 40 * (blob >> c & 1);
					pts[i * 3 + c] = (float) (centre + 9 * (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5));
				}
				wts[i] = 1 + rnd.nextInt(5);
			}
			final double[] centres = KMeansPlusPlus.seed(pts, wts, n, 3, k, rnd);
			final Recording rec = new Recording(new DistinctLloyd(pts, wts, 3, null));
			final List<double[]> at = new ArrayList<>();
			final LloydPasses tracking = (c, m, progress) -> {
				at.add(c.clone());
				return rec.pass(c, m, progress);
			};
			final TrainingSet.Partial last = Convergence.run(tracking, centres, k, 3, 500, TOLERANCE, (c, j, first, p) -> {
				throw new AssertionError("centre " + j + " emptied");
			}, Progress.NONE);
			final List<Double> d = rec.distortions;
			assertEquals(Collections.min(d), last.distortion, 0, "seed " + seed);
			for (int i = 1; i < d.size(); i++) {
				if (d.get(i) <= d.get(i - 1)) continue;
				overshoots++;
				// the pass after an overshoot is made at the plain step from the centres before it
				if (i + 1 < at.size()) {
					final double[] plain = at.get(i - 1).clone();
					final TrainingSet.Partial p = new DistinctLloyd(pts, wts, 3, null).pass(plain, k, Progress.NONE);
					Training.moveToMeans(p, plain, k, 3);
					assertArrayEquals(plain, at.get(i + 1), 1e-9, "seed " + seed + " pass " + i);
				}
			}
		}
		assertTrue(overshoots > 0);
	}

	@Test
	void theLastPassIsAPlainStep() throws IOException {
		final TrainingSet.Distinct set = chelsea();
		final int k = 64;
		final double[] seeds = WuPartition.partition(set.points, set.weights, set.distinct(), 3, k).seeds;
		for (final int cap : new int[] { 1, 2, 3, 4 }) {
			final double[] relaxed = seeds.clone();
			final Recording rec = new Recording(passes(set, k));
			final TrainingSet.Partial last = Convergence.run(rec, relaxed, k, 3, cap, 0, none(), Progress.NONE);
			assertEquals(cap, rec.distortions.size());
			final double[] means = relaxed.clone();
			Training.moveToMeans(last, means, k, 3);
			assertArrayEquals(means, relaxed, "cap " + cap);
		}
		// no passes: nothing moves
		final double[] still = seeds.clone();
		assertEquals(null, Convergence.run(passes(set, k), still, k, 3, 0, TOLERANCE, none(), Progress.NONE));
		assertArrayEquals(seeds, still);
	}

	/**
	 * Centres that start on top of each other: the second of each pair gets no point, moves to the
	 * farthest point, and the passes go on until no centre is empty.
	 */
	@Test
	void anEmptyCentreMovesToTheFarthestPoint() throws IOException {
		final TrainingSet.Distinct set = chelsea();
		final int k = 16;
		final double[] seeds = WuPartition.partition(set.points, set.weights, set.distinct(), 3, k / 2).seeds;
		final double[] centres = new double[k * 3];
		for (int j = 0; j < k; j++)
			System.arraycopy(seeds, (j / 2) * 3, centres, j * 3, 3);
		final List<float[]> moved = new ArrayList<>();
		final TrainingSet.Partial last = Convergence.run(passes(set, k), centres, k, 3, 500, TOLERANCE, (c, j, first,
			p) -> {
			if (!first) return;
			Convergence.toFarthest(c, j, 3, p);
			moved.add(p.far.clone());
		}, Progress.NONE);
		assertTrue(moved.size() >= 1 && moved.size() <= k / 2, moved.size() + " moves");
		for (int j = 0; j < k; j++)
			assertTrue(last.weights[j] > 0, "centre " + j);
		// the first move went to a value of the set, the farthest of the first pass
		final float[] far = moved.get(0);
		boolean found = false;
		for (int i = 0; i < set.distinct() && !found; i++)
			found = set.points[i * 3] == far[0] && set.points[i * 3 + 1] == far[1] && set.points[i * 3 + 2] == far[2];
		assertTrue(found);
	}
}
