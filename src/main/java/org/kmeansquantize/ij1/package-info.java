/**
 * The ImageJ 1 bridge: {@link ij.plugin.PlugIn}s listed in the jar's {@code plugins.config} under
 * Plugins &gt; Quantize with the same labels as the SciJava commands ("K-means", "Apply codebook",
 * "Reconstruct", "K-means quality curve"), for plain ImageJ 1 (in Fiji the SciJava commands of the same name take the menu
 * items over). In a macro they read the option string with the same keys as the commands
 * ({@link org.kmeansquantize.ij1.MacroOptions}); interactively they show a
 * {@link ij.gui.GenericDialog} whose labels are those keys. The work is done by
 * {@link org.kmeansquantize.io.ImagePlusQuantizer} (and {@link org.kmeansquantize.io.ImagePlusCurve}),
 * as for the commands.
 */
package org.kmeansquantize.ij1;
