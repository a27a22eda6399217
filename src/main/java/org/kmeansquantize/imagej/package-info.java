/**
 * ImageJ 1 images in and out, for both ImageJ front ends (the SciJava commands and the
 * ImageJ 1 bridge): {@link org.kmeansquantize.imagej.ImagePlusQuantizer} quantizes the current image
 * and makes the label image, its codebook table, the reconstruction, and names the menu entries
 * ({@link org.kmeansquantize.imagej.ImagePlusQuantizer#MENU}) and the macro keys beyond the settings;
 * {@link org.kmeansquantize.imagej.ImagePlusCurve} and {@link org.kmeansquantize.imagej.ImagePlusPalette}
 * show the quality curve and the palette; {@link org.kmeansquantize.imagej.ImagePlusAdapter} makes
 * label images (also computed plane by plane, as virtual stacks), reconstructions and tables. The
 * segmentation outputs are {@link org.kmeansquantize.imagej.ClusterMasks},
 * {@link org.kmeansquantize.imagej.ClusterRois} and {@link org.kmeansquantize.imagej.ClusterTable},
 * chosen by {@link org.kmeansquantize.imagej.LabelOutputs}; {@link org.kmeansquantize.imagej.CodebookFit}
 * and {@link org.kmeansquantize.imagej.MacroKeys} guard against a codebook or a macro key that does not fit;
 * {@link org.kmeansquantize.imagej.FailureLine} is the one line both front ends show for any failure.

 * <p>
 * May import: {@code java..}, {@code ij..}, {@code net.imglib2..}, {@code org.kmeansquantize.core..}, {@code org.kmeansquantize.render..}, {@code org.kmeansquantize.io..}, {@code org.kmeansquantize.labelfile..} (ArchUnit package patterns; {@code ArchitectureTest} holds every package to its
 * line).
 * </p>
 */
package org.kmeansquantize.imagej;
