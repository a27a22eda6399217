/**
 * The SciJava commands under Plugins &gt; Quantize, for Fiji and for any SciJava context:
 * {@link org.kmeansquantize.command.KMeansCommand} ("K-means"),
 * {@link org.kmeansquantize.command.ApplyCodebookCommand} ("Apply codebook"),
 * {@link org.kmeansquantize.command.ReconstructCommand} ("Reconstruct") and
 * {@link org.kmeansquantize.command.QualityCurveCommand} ("K-means quality curve"). Their field
 * names are the macro keys of {@link org.kmeansquantize.core.QuantizeSettings},
 * {@link org.kmeansquantize.io.ImagePlusQuantizer}, {@link org.kmeansquantize.io.ImagePlusPalette}
 * and {@link org.kmeansquantize.io.ImagePlusCurve}; the work is done by those io classes, which the
 * ImageJ 1 plugins in {@code org.kmeansquantize.ij1} call too.
 */
package org.kmeansquantize.command;
