/**
 * The SciJava commands under Plugins &gt; Quantize, for Fiji and for any SciJava context:
 * {@link org.kmeansquantize.command.KMeansCommand} ("K-means"),
 * {@link org.kmeansquantize.command.ApplyCodebookCommand} ("Apply codebook"),
 * {@link org.kmeansquantize.command.ReconstructCommand} ("Reconstruct") and
 * {@link org.kmeansquantize.command.QualityCurveCommand} ("K-means quality curve"). Their field
 * names are the macro keys of {@link org.kmeansquantize.core.QuantizeSettings},
 * {@link org.kmeansquantize.imagej.ImagePlusQuantizer}, {@link org.kmeansquantize.imagej.ImagePlusPalette}
 * and {@link org.kmeansquantize.imagej.ImagePlusCurve}; the work is done by those classes, which the
 * ImageJ 1 plugins in {@code org.kmeansquantize.ij1} call too.
 * <p>
 * May import: {@code java..}, {@code ij..}, {@code net.imglib2..}, {@code org.scijava..}, {@code org.kmeansquantize.core..}, {@code org.kmeansquantize.imagej..} (ArchUnit package patterns; {@code ArchitectureTest} holds every package to its
 * line).
 * </p>
 */
package org.kmeansquantize.command;
