package org.kmeansquantize.core;

/**
 * What {@link SharedTraining#refine} learned: the shared codebook, and how many exact passes it
 * took. Immutable.
 */
public final class SharedCodebook {

	/** The shared codebook. */
	public final Codebook codebook;

	/** The exact passes made, at least one. */
	public final int passes;

	SharedCodebook(final Codebook codebook, final int passes) {
		this.codebook = codebook;
		this.passes = passes;
	}
}
