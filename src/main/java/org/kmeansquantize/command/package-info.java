/**
 * The SciJava commands under Plugins &gt; Quantize, for Fiji and for any SciJava context:
 * {@link org.kmeansquantize.command.KMeansCommand} ("K-means"),
 * {@link org.kmeansquantize.command.ApplyCodebookCommand} ("Apply codebook") and
 * {@link org.kmeansquantize.command.ReconstructCommand} ("Reconstruct"). Their field names are the
 * macro keys of {@link org.kmeansquantize.core.QuantizeSettings} and
 * {@link org.kmeansquantize.io.ImagePlusQuantizer}; the work is done by
 * {@link org.kmeansquantize.io.ImagePlusQuantizer}, which the ImageJ 1 plugins in
 * {@code org.kmeansquantize.ij1} call too.
 */
package org.kmeansquantize.command;
