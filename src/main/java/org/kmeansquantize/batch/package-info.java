/**
 * File to file and folder to folder: what the command line and the Spark job run.
 * {@link org.kmeansquantize.batch.FileCodec} is compress and decompress of one file;
 * {@link org.kmeansquantize.batch.ImageFolder} lists the images of a folder or glob and
 * {@link org.kmeansquantize.batch.FolderCodec} compresses them into a folder, with one codebook each or
 * one shared codebook, and a {@link org.kmeansquantize.batch.SummaryCsv}; {@link org.kmeansquantize.batch.CurveFiles},
 * {@link org.kmeansquantize.batch.TargetPsnr} and {@link org.kmeansquantize.batch.PaletteFiles} are
 * the quality curve, compress at a target PSNR and the palette picture. Every report's fields and
 * their order (the command line's JSON lines, {@code summary.csv}, the Spark summary) are
 * {@link org.kmeansquantize.batch.ReportSchema}; a {@link org.kmeansquantize.batch.Report} holds one
 * report's values and writes its JSON. The settings options
 * that the command line and the Spark job share are {@link org.kmeansquantize.batch.SettingsOptions},
 * a picocli mixin built in code (picocli is this package's only front-end import).

 * <p>
 * May import: {@code java..}, {@code javax.imageio..}, {@code ij..}, {@code net.imglib2..}, {@code picocli..}, {@code org.kmeansquantize.core..}, {@code org.kmeansquantize.render..}, {@code org.kmeansquantize.io..}, {@code org.kmeansquantize.labelfile..}, {@code org.kmeansquantize.imagej..} (ArchUnit package patterns; {@code ArchitectureTest} holds every package to its
 * line).
 * </p>
 */
package org.kmeansquantize.batch;
