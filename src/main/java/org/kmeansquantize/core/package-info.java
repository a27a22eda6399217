/**
 * The k-means engine: settings ({@link org.kmeansquantize.core.QuantizeSettings}, the option spec
 * every front end shares), codebook, pixel sources and label targets over ImgLib2 images, training
 * (seeding, streaming mini-batch k-means, exact refinement), assignment, reconstruction, the
 * quality curve ({@link org.kmeansquantize.core.QualityCurve}) and one codebook for many images
 * ({@link org.kmeansquantize.core.SharedTraining}). Every front end is a thin layer over it. The
 * entry point for one image is {@link org.kmeansquantize.core.KMeansQuantizer}; the package-private
 * classes behind it are named for their part ({@code Training}, {@code TrainingPixels},
 * {@code Labelling}, {@code CodebookBuilder}, ...).

 * <p>
 * May import: {@code java..}, {@code net.imglib2..} (ArchUnit package patterns; {@code ArchitectureTest} holds every package to its
 * line).
 * </p>
 */
package org.kmeansquantize.core;
