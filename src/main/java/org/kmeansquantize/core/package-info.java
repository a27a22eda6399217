/**
 * The k-means engine: settings, codebook, pixel sources and label targets over ImgLib2 images,
 * training (seeding, streaming mini-batch k-means, exact refinement), assignment,
 * reconstruction, and the quality curve (MSE and PSNR against k, {@link org.kmeansquantize.core.QualityCurve}). Depends on {@code net.imglib2} and {@code java.*} only; every front end (the
 * SciJava commands, the ImageJ 1 bridge, the command line) is a thin layer over this package.
 */
package org.kmeansquantize.core;
