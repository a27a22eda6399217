#!/usr/bin/python3
"""The README's pictures, made with our command line: the palette of a photo, and quality against k.

Usage: /usr/bin/python3 bench/figures.py [OUTDIR]   (default docs/; needs `mvn package` done)

  palette.png       chelsea.png, its reconstruction from 16 colours, and the 16 codebook colours
                    with their pixel counts, as the label PNG's palette holds them
  quality-vs-k.png  PSNR of the reconstruction against k for the RGB photos, ours (a line) beside
                    scikit-learn KMeans, pngquant and ImageJ's 8-bit Color from ../shared/reference
"""
import json, os, subprocess, sys, tempfile

import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, '..', 'shared')
CLI = os.path.join(ROOT, 'target', 'kmeans-quantize-cli.jar')


def compress(src, k, out):
    p = subprocess.run(['java', '-jar', CLI, 'compress', src, '-o', out, '--colors', str(k), '--json'],
                       check=True, capture_output=True, text=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


def palette_figure(outdir, tmp):
    src = os.path.join(ROOT, 'samples', 'chelsea.png')
    labels = os.path.join(tmp, 'chelsea-16.png')
    recon = os.path.join(tmp, 'chelsea-16-recon.png')
    report = compress(src, 16, labels)
    subprocess.run(['java', '-jar', CLI, 'decompress', labels, '-o', recon], check=True, capture_output=True)
    lab = Image.open(labels)
    pal = np.array(lab.getpalette()[:3 * 16]).reshape(-1, 3)
    idx = np.array(lab)
    counts = np.bincount(idx.ravel(), minlength=len(pal))
    fig = plt.figure(figsize=(12, 4.2))
    ax = fig.add_axes([0.0, 0.08, 0.36, 0.84])
    ax.imshow(Image.open(src))
    ax.set_title('chelsea.png (%d colours)' % len(np.unique(np.array(Image.open(src)).reshape(-1, 3), axis=0)))
    ax.axis('off')
    ax = fig.add_axes([0.37, 0.08, 0.36, 0.84])
    ax.imshow(Image.open(recon))
    ax.set_title('16 colours, PSNR %.1f dB' % report['psnr'])
    ax.axis('off')
    ax = fig.add_axes([0.76, 0.08, 0.22, 0.84])
    for i, (c, n) in enumerate(zip(pal, counts)):
        ax.add_patch(plt.Rectangle((0, len(pal) - 1 - i), 1, 0.9, color=c / 255.0))
        ax.text(1.1, len(pal) - 1 - i + 0.45, '%2d  (%d, %d, %d)  %5.1f %%' % (i, c[0], c[1], c[2],
                100.0 * n / idx.size), va='center', family='monospace', fontsize=8)
    ax.set_xlim(0, 4.2)
    ax.set_ylim(-0.2, len(pal))
    ax.set_title('the codebook: label, colour, share of pixels', fontsize=9)
    ax.axis('off')
    fig.savefig(os.path.join(outdir, 'palette.png'), dpi=90)


def quality_figure(outdir, tmp):
    ks = [4, 8, 16, 32, 64, 128, 256]
    ref = [json.loads(l) for l in open(os.path.join(SHARED, 'reference', 'peers.jsonl'))]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4), sharey=True)
    for ax, name in zip(axes, ['chelsea.png', 'coffee.png', 'rocket.png']):
        src = os.path.join(SHARED, 'images', name)
        ours = [compress(src, k, os.path.join(tmp, 'q.png'))['psnr'] for k in ks]
        ax.plot(ks, ours, 'o-', color='black', label='KMeans Quantize')
        for method, style in [('sk_kmeans', 's'), ('pngquant', '^'), ('pngquant_default', 'v'),
                              ('ij_mediancut', 'x')]:
            pts = sorted((r['k'], r['psnr']) for r in ref if r['image'] == name and r['method'] == method)
            if pts:
                ax.plot([p[0] for p in pts], [p[1] for p in pts], style, linestyle='none', label=method,
                        markersize=7, alpha=0.8)
        ax.set_xscale('log', base=2)
        ax.set_xticks(ks)
        ax.set_xticklabels([str(k) for k in ks])
        ax.set_title(name)
        ax.set_xlabel('colours k')
        ax.grid(alpha=0.3)
    axes[0].set_ylabel('PSNR (dB), higher is better')
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(outdir, 'quality-vs-k.png'), dpi=90)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, 'docs')
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        palette_figure(outdir, tmp)
        quality_figure(outdir, tmp)
    print('wrote', os.path.join(outdir, 'palette.png'), 'and', os.path.join(outdir, 'quality-vs-k.png'))


if __name__ == '__main__':
    main()
