/**
 * ImageJ 1 images and files to and from the core: {@link org.kmeansquantize.io.ImagePlusAdapter}
 * wraps an {@code ImagePlus} as a {@link org.kmeansquantize.core.PixelSource} without copying and
 * builds the label image, its LUT and the reconstruction; {@link org.kmeansquantize.io.CodebookFormat}
 * is the versioned text form of a codebook. The SciJava commands, the ImageJ 1 bridge and the
 * command line all go through here.
 */
package org.kmeansquantize.io;
