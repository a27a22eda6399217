/**
 * What people look at, drawn with {@code java.awt} in headless mode (no display needed):
 * {@link org.kmeansquantize.render.PaletteImage}, the swatches of a codebook;
 * {@link org.kmeansquantize.render.CurvePlot}, the quality curve, with the axes and words it shares
 * with the ImageJ plot in {@link org.kmeansquantize.render.CurveAxes}; and
 * {@link org.kmeansquantize.render.CurveTable}, the curve as CSV text and a one-line summary. The
 * command line writes them to files, the ImageJ front ends show them.

 * <p>
 * May import: {@code java..}, {@code org.kmeansquantize.core..} (ArchUnit package patterns; {@code ArchitectureTest} holds every package to its
 * line).
 * </p>
 */
package org.kmeansquantize.render;
