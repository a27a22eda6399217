package org.kmeansquantize.command;

import java.util.List;

import ij.gui.Roi;

import org.scijava.command.CommandModule;
import org.scijava.module.Module;

/** The selections a K-means command run made, which SciJava has no output type for. */
public final class KMeansCommandAccess {

	private KMeansCommandAccess() {}

	/**
	 * @param module a finished run of {@link KMeansCommand}
	 * @return its selections, or null if {@code rois} was not set
	 */
	public static List<Roi> selections(final Module module) {
		return ((KMeansCommand) ((CommandModule) module).getCommand()).selections;
	}
}
