/**
 * The ImageJ 1 bridge: {@link ij.plugin.PlugIn}s listed in the jar's {@code plugins.config} under
 * Plugins &gt; Quantize with the same labels as the SciJava commands ("K-means", "Apply codebook",
 * "Reconstruct", "K-means quality curve"), for plain ImageJ 1 (in Fiji the SciJava commands of the same name take the menu
 * items over). In a macro they read the option string with the same keys as the commands
 * ({@link org.kmeansquantize.ij1.MacroOptions}); interactively they show a
 * {@link ij.gui.GenericDialog} whose labels are those keys. The work is done by
 * {@link org.kmeansquantize.imagej.ImagePlusQuantizer} (and {@link org.kmeansquantize.imagej.ImagePlusCurve}),
 * as for the commands.
 * <p>
 * May import: {@code java..}, {@code ij..}, {@code net.imglib2..}, {@code org.kmeansquantize.core..}, {@code org.kmeansquantize.imagej..} (ArchUnit package patterns; {@code ArchitectureTest} holds every package to its
 * line).
 * </p>
 */
package org.kmeansquantize.ij1;
