package org.kmeansquantize.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** One candidate solution of a training: its centres and its distortion on the set that judged it. */
final class Candidate {

	final double[] centres;
	final double distortion;

	Candidate(final double[] centres, final double distortion) {
		this.centres = centres;
		this.distortion = distortion;
	}

	/**
	 * Makes candidates side by side, each with its own random numbers split off {@code rng} in
	 * order, and keeps the one of least distortion, the first of equals: the result does not depend
	 * on the number of threads.
	 *
	 * @param count candidates to make
	 * @param rng the random numbers they are split off
	 * @param make makes one candidate from its random numbers
	 * @return the best candidate
	 */
	static Candidate best(final int count, final SplittableRandom rng,
		final Function<SplittableRandom, Candidate> make)
	{
		final List<SplittableRandom> rngs = new ArrayList<>();
		for (int r = 0; r < count; r++)
			rngs.add(rng.split());
		final List<Candidate> all = Threads.forEachApply(rngs, make);
		Candidate best = all.get(0);
		for (final Candidate c : all)
			if (c.distortion < best.distortion) best = c;
		return best;
	}
}
