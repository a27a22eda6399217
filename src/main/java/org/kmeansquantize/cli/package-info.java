/**
 * The command line: {@code kmeans-quantize compress}, {@code decompress}, {@code curve} and
 * {@code palette}, thin picocli commands over {@link org.kmeansquantize.batch.FileCodec} (and, for a
 * folder or glob as input, {@link org.kmeansquantize.batch.FolderCodec}, with a progress line and a
 * summary), {@link org.kmeansquantize.batch.CurveFiles}, {@link org.kmeansquantize.batch.TargetPsnr} and
 * {@link org.kmeansquantize.batch.PaletteFiles}. Option names, descriptions and
 * defaults come from {@link org.kmeansquantize.core.QuantizeSettings}, the option spec all front
 * ends share. The commands build their picocli models in code ({@link org.kmeansquantize.cli.Options}),
 * not from annotations, which cost a quarter of a small image's run to read. Every failure prints
 * exactly one line on stderr and exits non-zero; {@code --json} prints one JSON object as the last
 * line on stdout.
 * <p>
 * May import: {@code java..}, {@code picocli..}, {@code org.kmeansquantize.core..}, {@code org.kmeansquantize.render..}, {@code org.kmeansquantize.io..}, {@code org.kmeansquantize.batch..} (ArchUnit package patterns; {@code ArchitectureTest} holds every package to its
 * line).
 * </p>
 */
package org.kmeansquantize.cli;
