/**
 * Files and ImageJ 1 images to and from the core. {@link org.kmeansquantize.io.ImagePlusAdapter}
 * wraps an {@code ImagePlus} as a {@link org.kmeansquantize.core.PixelSource} without copying and
 * builds the label image, its LUT and the reconstruction; {@link org.kmeansquantize.io.CodebookFormat}
 * is the versioned text form of a codebook. The SciJava commands, the ImageJ 1 bridge and the
 * command line all go through here.
 * <p>
 * The file formats of the command line: {@link org.kmeansquantize.io.ImageFiles} reads PNG and JPEG
 * (with {@code javax.imageio}, no ImageJ class loaded) and TIFF (with ImageJ 1) into
 * {@link org.kmeansquantize.io.InputImage}s; {@link org.kmeansquantize.io.PngEncoder} writes PNG;
 * {@link org.kmeansquantize.io.LabelPng} and the label TIFF hold labels, codebook and
 * {@link org.kmeansquantize.io.ImageLayout} (versioned metadata); {@link org.kmeansquantize.io.Planes}
 * holds images as primitive planes; {@link org.kmeansquantize.io.AtomicOutput} writes files
 * atomically; {@link org.kmeansquantize.io.FileCodec} is compress and decompress, file to file;
 * {@link org.kmeansquantize.io.ImageFolder} lists the images of a folder or glob and
 * {@link org.kmeansquantize.io.FolderCodec} compresses them into a folder, with one codebook each
 * or one shared codebook.
 * </p>
 */
package org.kmeansquantize.io;
