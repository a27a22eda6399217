package org.kmeansquantize.imagej;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.plugin.filter.ThresholdToSelection;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;

import org.kmeansquantize.core.Progress;

/**
 * One selection per codebook entry and plane, made from a label image: the pixels of that label,
 * as ImageJ's Edit &gt; Selection &gt; Create Selection makes them from a threshold. Named by the
 * label ({@code label 3}; for stacks {@code label 3 z2 t1}); in a stack each carries its slice and
 * frame as its position (channel 0: every channel of the input; in a simple stack, its plane). A plane without pixels of a label
 * gives no selection for it. Stateless; holds one label plane at a time.
 */
public final class ClusterRois {

	private ClusterRois() {}

	/**
	 * @param labels an 8-bit label image (one channel, slices and frames); not modified
	 * @param entries the number of codebook entries
	 * @param hyperstack whether the selections go with a hyperstack (channels, or slices and frames):
	 *          then their position is (channel 0, slice, frame), else the plane's stack index
	 * @param progress progress and cancellation, checked once per plane
	 * @return the selections, by plane (frame, then slice) and within a plane by label
	 * @throws CancellationException if cancelled
	 */
	public static List<Roi> of(final ImagePlus labels, final int entries, final boolean hyperstack,
		final Progress progress) {
		final int nz = labels.getNSlices(), nt = labels.getNFrames();
		final boolean stack = nz * nt > 1;
		final List<Roi> rois = new ArrayList<>();
		for (int t = 0; t < nt; t++)
			for (int z = 0; z < nz; z++) {
				progress.checkCanceled();
				progress.report("selections", (t * nz + z) / (double) (nz * nt));
				final ImageProcessor plane = new ByteProcessor(labels.getWidth(), labels.getHeight(), (byte[]) labels
					.getStack().getPixels(t * nz + z + 1));
				for (int e = 0; e < entries; e++) {
					plane.setThreshold(e, e, ImageProcessor.NO_LUT_UPDATE);
					final Roi roi = new ThresholdToSelection().convert(plane);
					if (roi == null) continue;
					roi.setName(stack ? "label " + e + " z" + (z + 1) + " t" + (t + 1) : "label " + e);
					if (stack && hyperstack) roi.setPosition(0, z + 1, t + 1);
					else if (stack) roi.setPosition(t * nz + z + 1);
					rois.add(roi);
				}
			}
		return rois;
	}
}
