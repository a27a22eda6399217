package org.kmeansquantize.ij1;

import ij.ImagePlus;
import ij.plugin.PlugIn;

import org.kmeansquantize.imagej.ImagePlusQuantizer;

/**
 * Plugins &gt; Quantize &gt; Reconstruct for ImageJ 1: rebuilds an image from the current label
 * image and its own codebook, or the one named by the key {@value ImagePlusQuantizer#KEY_CODEBOOK},
 * as {@link org.kmeansquantize.command.ReconstructCommand} does, and shows it.
 */
public class ReconstructPlugIn implements PlugIn {

	/** @param arg ignored */
	@Override
	public void run(final String arg) {
		PlugInSupport.guard(ImagePlusQuantizer.LABEL_RECONSTRUCT, labels -> {
			final PlugInSupport.CodebookChoice choice = PlugInSupport.codebookChoice(
				ImagePlusQuantizer.LABEL_RECONSTRUCT, "", "Empty: the label image's own codebook.",
				ImagePlusQuantizer.RECONSTRUCT_KEYS);
			if (choice == null) return;
			final ImagePlus out = PlugInSupport.run(ImagePlusQuantizer.LABEL_RECONSTRUCT,
				progress -> ImagePlusQuantizer.reconstruct(ImagePlusQuantizer.codebookFor(labels, choice.source,
					choice.force), labels, progress));
			if (out != null) ImagePlusQuantizer.showUnique(out);
		});
	}
}
