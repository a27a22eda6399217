#!/usr/bin/python3
"""The README's comparison picture, made with our command line beside the peers' reference numbers.

Usage: /usr/bin/python3 bench/figures.py [OUTDIR]   (default docs/; needs `mvn package` done)

  quality-vs-k.png  PSNR of the reconstruction against k for the RGB photos, ours (a line) beside
                    scikit-learn KMeans, pngquant and ImageJ's 8-bit Color from ../shared/reference

The pictures of the photo, its reconstructions, palettes and quality curve are drawn by the
command line itself: scripts/readme-figures.sh.
"""
import json, os, subprocess, sys, tempfile

import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, '..', 'shared')
CLI = os.path.join(ROOT, 'target', 'kmeans-quantize-cli.jar')


def compress(src, k, out):
    p = subprocess.run(['java', '-jar', CLI, 'compress', src, '-o', out, '--colors', str(k), '--json'],
                       check=True, capture_output=True, text=True)
    return json.loads(p.stdout.strip().splitlines()[-1])


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
        quality_figure(outdir, tmp)
    print('wrote', os.path.join(outdir, 'quality-vs-k.png'))


if __name__ == '__main__':
    main()
