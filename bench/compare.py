#!/usr/bin/python3
"""Our command line and the peers on the same inputs, side by side in one run: one table of ratios.

Usage: /usr/bin/python3 bench/compare.py [--images DIR] [--k 16,64,256] [--methods m1,m2]
                                         [--only NAME,...] [--big] [--warmup 3] [--warmup-seconds 3] [--runs 5]
                                         [--out FILE.md]

Runs, for every 8-bit RGB, RGBA or grey image (PNG or TIFF) in DIR (default ../shared/images) and
every k:
  ours            java -jar target/kmeans-quantize-cli.jar compress IN -o OUT.png --colors K --json,
                  then decompress; MSE of the reconstruction against IN as ../shared/bench/quality.py
                  computes it; engine seconds from the JSON, the whole process's wall time, peak RSS
  ours warm       bench/warm.sh (WarmEngine in the test sources): one JVM for all images and k, each
                  image read once, then per k training and assignment as compress runs them, --warmup
                  times and for at least --warmup-seconds to warm the JIT (a 20 ms case needs more
                  runs than a 1 s one), then --runs times measured; the median, as in Fiji after the
                  first image (its MSE must be the command line's: a * marks a case where it is not)
  the peers       ../shared/bench/peers.py METHOD IN K (scikit-learn KMeans and MiniBatchKMeans,
                  pngquant default and speed 1, ImageMagick, ImageJ's MedianCut): their own seconds,
                  wall time, peak RSS and MSE
  file size       our indexed PNG against `pngquant K --nofs`'s, in bytes per pixel
--big adds the 8181x7221 mirror-tiled image (../shared/bench/make-big.py) at k = 128.
Ratios: peer time / our engine time (above 1: we are faster) and our MSE / peer MSE (below 1: we
are better). The performance issue's warm-JVM targets, two more columns: scikit-learn KMeans fit
time / our warm time (target >= 10) and MiniBatchKMeans fit time / our warm time (target >= 1),
with a line after the table saying on how many cases each holds (needs sk_kmeans and sk_minibatch
among --methods). Needs the peers installed (../shared/bench/install-peers.sh) and `mvn package` done.
"""
import argparse, json, os, platform, subprocess, sys, tempfile, time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, '..', 'shared')
CLI = os.path.join(ROOT, 'target', 'kmeans-quantize-cli.jar')
PEERS = os.path.join(SHARED, 'bench', 'peers.py')
ALL_METHODS = ['sk_kmeans', 'sk_minibatch', 'pngquant_default', 'pngquant', 'magick', 'ij_mediancut']


def run_measured(cmd):
    """Runs a command; returns (stdout, wall seconds, peak RSS in MiB) of that process alone.

    The peak RSS comes from GNU time, a small process of its own: a child forked from this Python
    would report this process's memory too."""
    with tempfile.NamedTemporaryFile('r', suffix='.rss') as rss:
        t0 = time.perf_counter()
        p = subprocess.run(['/usr/bin/time', '-f', '%M', '-o', rss.name] + cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            raise RuntimeError('%s failed: %s' % (' '.join(cmd), p.stderr.strip()[-400:]))
        kb = float(rss.read().strip().splitlines()[-1])
    return p.stdout, wall, kb / 1024.0


def load(path):
    sys.path.insert(0, os.path.join(SHARED, 'bench'))
    import peers
    return peers.load(path)


def mse(a, b):
    d = a.astype(np.float64) - b.astype(np.float64)
    return float(np.mean(d * d))


def eligible(path):
    try:
        a = load(path)
    except Exception as e:  # e.g. a JPEG-compressed TIFF without the imagecodecs package: the peers cannot read it
        print('skipped %s: %s' % (os.path.basename(path), e), file=sys.stderr)
        return False
    return a.dtype == np.uint8 and (a.ndim == 2 or (a.ndim == 3 and a.shape[-1] in (3, 4)))


def ours(path, k, tmp):
    ext = '.png'
    comp = os.path.join(tmp, 'ours' + ext)
    rec = os.path.join(tmp, 'ours-rec' + ('.png' if path.endswith('.png') else '.tif'))
    out, wall, rss = run_measured(['java', '-jar', CLI, 'compress', path, '-o', comp, '--colors', str(k), '--json'])
    j = json.loads(out.strip().splitlines()[-1])
    run_measured(['java', '-jar', CLI, 'decompress', comp, '-o', rec])
    m = mse(load(path), load(rec))
    return dict(engine_s=j['seconds'], wall_s=wall, rss_mb=rss, mse=m, bytes=os.path.getsize(comp),
                json_mse=j.get('mse'))


def warm(cases, warmup, warmup_s, runs):
    """Our engine in a warm JVM: {(path, k): WarmEngine's JSON line}. One JVM for all images that
    share their k values (all of them, unless --big adds its image at k = 128 alone)."""
    groups = {}
    for path, k in cases:
        groups.setdefault(path, []).append(k)
    by_ks = {}
    for path, ks in groups.items():
        by_ks.setdefault(tuple(ks), []).append(path)
    res = {}
    for ks, images in by_ks.items():
        p = subprocess.run([os.path.join(HERE, 'warm.sh'), '--warmup', str(warmup), '--warmup-seconds',
                            str(warmup_s), '--runs', str(runs),
                            '--k', ','.join(map(str, ks))] + images, capture_output=True, text=True)
        by_name = {os.path.basename(x): x for x in images}
        got = [json.loads(line) for line in p.stdout.splitlines() if line.startswith('{')]
        if not got:
            raise RuntimeError('bench/warm.sh failed: %s' % p.stderr.strip()[-400:])
        for j in got:
            res[(by_name[j['image']], j.get('k'))] = j
    return res


def peer(method, path, k):
    out, wall, rss = run_measured(['/usr/bin/python3', PEERS, method, path, str(k)])
    j = json.loads(out.strip().splitlines()[-1])
    return dict(fit_s=j['fit_s'], wall_s=wall, rss_mb=rss, mse=j['mse'])


def pngquant_bytes(path, k, tmp):
    src = path
    if not path.endswith('.png'):
        import skimage.io as io
        src = os.path.join(tmp, 'in.png')
        io.imsave(src, load(path), check_contrast=False)
    out = os.path.join(tmp, 'pq.png')
    run_measured(['pngquant', str(k), '--nofs', '--force', '--output', out, src])
    return os.path.getsize(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--images', default=os.path.join(SHARED, 'images'))
    ap.add_argument('--k', default='16,64,256')
    ap.add_argument('--methods', default=','.join(ALL_METHODS))
    ap.add_argument('--only', default='')
    ap.add_argument('--big', action='store_true')
    ap.add_argument('--warmup', type=int, default=3, help='warm-up runs per case of the warm engine')
    ap.add_argument('--warmup-seconds', type=float, default=3,
                    help='least seconds of warm-up per case (a fast case needs more runs to be JIT-compiled)')
    ap.add_argument('--runs', type=int, default=5, help='measured runs per case of the warm engine')
    ap.add_argument('--out', default='')
    args = ap.parse_args()
    ks = [int(x) for x in args.k.split(',')]
    methods = [m for m in args.methods.split(',') if m]
    names = sorted(f for f in os.listdir(args.images) if f.endswith(('.png', '.tif')))
    if args.only:
        names = [n for n in names if n in args.only.split(',')]
    cases = [(os.path.join(args.images, n), k) for n in names for k in ks
             if eligible(os.path.join(args.images, n))]
    tmp = tempfile.mkdtemp(prefix='kq-bench-')
    if args.big:
        big = os.path.join(tmp, 'big-8181x7221.tif')
        subprocess.run(['/usr/bin/python3', os.path.join(SHARED, 'bench', 'make-big.py'),
                        os.path.join(SHARED, 'images', 'rocket.png'), big], check=True, capture_output=True)
        cases.append((big, 128))
    lines = ['Machine: %s, %d cores, %s; %s' % (platform.node(), os.cpu_count(), platform.platform(),
                                                 time.strftime('%Y-%m-%d')),
             'Our warm engine: median of %d runs after at least %d warm-up runs and %g s per case, one JVM '
             'for all images' % (args.runs, args.warmup, args.warmup_seconds), '',
             '| image | k | ours engine s | ours warm engine s | ours process s | ours MiB | ours MSE | '
             'bytes/px ours (pngquant) | ' +
             ' | '.join('%s s (x) / MSE (ratio) / MiB' % m for m in methods) +
             ' | KMeans / warm (target >= 10) | MiniBatch / warm (target >= 1) |',
             '|' + '---|' * (10 + len(methods))]
    warm_res = warm(cases, args.warmup, args.warmup_seconds, args.runs)
    # target name -> [cases where it holds, cases measured]
    held = {'sk_kmeans': [0, 0], 'sk_minibatch': [0, 0]}
    mismatched = []
    for path, k in cases:
        name = os.path.basename(path)
        o = ours(path, k, tmp)
        w = warm_res.get((path, k)) or warm_res.get((path, None)) or {}
        warm_s = w.get('median_s')
        if warm_s is None:
            warm_cell = 'failed: %s' % str(w.get('error', 'no result'))[:60]
        else:
            same = o['json_mse'] is None or w.get('mse') == o['json_mse']
            if not same:
                mismatched.append('%s k = %d: warm MSE %s, command line %s' % (name, k, w.get('mse'), o['json_mse']))
            warm_cell = '%.3f%s' % (warm_s, '' if same else ' *')
        fits = {}
        npx = load(path).shape[0] * load(path).shape[1]
        try:
            pq = pngquant_bytes(path, k, tmp)
            size = '%.3f (%.3f)' % (o['bytes'] / npx, pq / npx)
        except Exception:
            size = '%.3f' % (o['bytes'] / npx)
        cells = []
        for m in methods:
            if m == 'ij_mediancut' and load(path).ndim != 3:
                cells.append('')
                continue
            try:
                p = peer(m, path, k)
                fits[m] = p['fit_s']
                cells.append('%.2f (%.0fx) / %.4g (%.3f) / %.0f' % (p['fit_s'], p['fit_s'] / max(o['engine_s'], 1e-6),
                                                                    p['mse'], o['mse'] / p['mse'] if p['mse'] else 1,
                                                                    p['rss_mb']))
            except Exception as e:
                cells.append('failed: %s' % str(e)[:60])
        for m, target in (('sk_kmeans', 10), ('sk_minibatch', 1)):
            if m in fits and warm_s:
                r = fits[m] / warm_s
                held[m][1] += 1
                held[m][0] += r >= target
                cells.append('%.1f' % r)
            else:
                cells.append('')
        row = '| %s | %d | %.3f | %s | %.2f | %.0f | %.4g | %s | %s |' % (name, k, o['engine_s'], warm_cell,
                                                                    o['wall_s'], o['rss_mb'], o['mse'], size,
                                                                    ' | '.join(cells))
        lines.append(row)
        print(row, flush=True)
    lines.append('')
    lines.append('Warm-JVM targets: sklearn KMeans / our warm engine >= 10 on %s; '
                 'MiniBatchKMeans / our warm engine >= 1 on %s.' % tuple(
                     '%d of %d cases' % tuple(held[m]) if held[m][1] else 'no case (%s not run)' % m
                     for m in ('sk_kmeans', 'sk_minibatch')))
    if mismatched:
        lines.append('* the warm engine\'s MSE differs from the command line\'s: ' + '; '.join(mismatched))
    text = '\n'.join(lines) + '\n'
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text)
    print(text)


if __name__ == '__main__':
    main()
