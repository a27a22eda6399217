/**
 * Pictures drawn with {@code java.awt} into {@link java.awt.image.BufferedImage}s, in headless mode
 * (no display needed): {@link org.kmeansquantize.render.PaletteImage}, the swatches of a codebook,
 * and {@link org.kmeansquantize.render.CurvePlot}, the quality curve. Depends on the core only; the
 * command line writes the pictures as PNG, the ImageJ front ends show them.
 */
package org.kmeansquantize.render;
