/**
 * Image files, and nothing else: read into primitive planes and written back.
 * {@link org.kmeansquantize.io.ImageFiles} reads PNG and JPEG (with {@link org.kmeansquantize.io.PngDecoder}
 * or {@code javax.imageio}, no ImageJ class loaded) and TIFF ({@link org.kmeansquantize.io.TiffFiles},
 * with ImageJ 1's reader; tiled, BigTIFF, JPEG and OME-TIFF files with {@link org.kmeansquantize.io.TiffPlaneReader},
 * plane by plane from any seekable source, through the {@code javax.imageio} registry) into {@link org.kmeansquantize.io.InputImage}s with their
 * {@link org.kmeansquantize.io.ImageLayout} (the axes, calibration and display of an image);
 * {@link org.kmeansquantize.io.PngEncoder} writes PNG; {@link org.kmeansquantize.io.Planes} holds an
 * image as primitive planes; {@link org.kmeansquantize.io.ImagePlusPixels} wraps an ImageJ 1 image's
 * pixels for the core without copying; {@link org.kmeansquantize.io.AtomicOutput} writes any file
 * atomically (a temporary file, then a rename); {@link org.kmeansquantize.io.BigTiffWriter} writes
 * 8-bit label planes as BigTIFF.

 * <p>
 * May import: {@code java..}, {@code javax.imageio..}, {@code ij..}, {@code net.imglib2..}, {@code org.kmeansquantize.core..} (ArchUnit package patterns; {@code ArchitectureTest} holds every package to its
 * line).
 * </p>
 */
package org.kmeansquantize.io;
