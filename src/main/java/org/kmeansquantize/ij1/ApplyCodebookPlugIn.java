package org.kmeansquantize.ij1;

import ij.plugin.PlugIn;

import org.kmeansquantize.imagej.ImagePlusQuantizer;

/**
 * Plugins &gt; Quantize &gt; Apply codebook for ImageJ 1: labels the current image with the
 * codebook named by the key {@value ImagePlusQuantizer#KEY_CODEBOOK} (an open label image's title,
 * a label TIFF or a codebook text file), as {@link org.kmeansquantize.command.ApplyCodebookCommand}
 * does, and shows the label image and the table.
 */
public class ApplyCodebookPlugIn implements PlugIn {

	/** @param arg ignored */
	@Override
	public void run(final String arg) {
		PlugInSupport.guard(ImagePlusQuantizer.LABEL_APPLY, imp -> {
			final PlugInSupport.CodebookChoice choice = PlugInSupport.codebookChoice(ImagePlusQuantizer.LABEL_APPLY,
				PlugInSupport.newestLabelImage(imp.getTitle()), "An open label image's title, a label TIFF or a codebook file.",
				ImagePlusQuantizer.APPLY_KEYS);
			if (choice == null) return;
			final ImagePlusQuantizer.Result result = PlugInSupport.run(ImagePlusQuantizer.LABEL_APPLY,
				progress -> ImagePlusQuantizer.apply(ImagePlusQuantizer.readCodebook(choice.source), imp, choice.force,
					progress));
			if (result != null) result.show();
		});
	}
}
