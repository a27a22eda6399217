/**
 * The label file, format version 1 (specified in {@code docs/label-format.md}): labels
 * with their codebook and layout in one PNG ({@link org.kmeansquantize.labelfile.LabelPng}) or
 * TIFF ({@link org.kmeansquantize.labelfile.LabelTiff}), read back as a
 * {@link org.kmeansquantize.labelfile.LabelImage}; the codebook's versioned text form
 * ({@link org.kmeansquantize.labelfile.CodebookFormat}) and its colours as an ImageJ LUT
 * ({@link org.kmeansquantize.labelfile.CodebookLut}). Files written by older versions are kept as
 * test fixtures and must still be read.

 * <p>
 * May import: {@code java..}, {@code ij..}, {@code net.imglib2..}, {@code org.kmeansquantize.core..}, {@code org.kmeansquantize.io..} (ArchUnit package patterns; {@code ArchitectureTest} holds every package to its
 * line).
 * </p>
 */
package org.kmeansquantize.labelfile;
