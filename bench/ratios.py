#!/usr/bin/python3
"""The performance issue's end-to-end ratios, side by side in one run: whole processes, medians.

Usage: /usr/bin/python3 bench/ratios.py [--repeat 3] [--tiny-repeat 15] [--k 16,64,256] [--out FILE.md]

  folder    every 8-bit RGB photo of ../shared/images and samples/ (as PNG, in one temporary
            folder): `bin/kmeans-quantize compress DIR -o OUT --colors K` against
            `pngquant K --nofs FILE...` on the same files, for every K
  single    one 2-megapixel photo (coffee.png mirror-tiled to 1920x1080, ../shared/bench/make-big.py)
            at k = 256: the launcher and `java -jar` against `pngquant 256 --nofs`
  fixed     a 16x16 RGB image at k = 16 (the fixed cost): the launcher, `java -jar` and pngquant
Each command runs --repeat times (the 16x16 one --tiny-repeat times), in turn with its peers so
that load from other processes falls on all of them alike; the table gives medians of wall and
CPU (user + system) seconds, the load average, and ratios ours / pngquant (below 1: we are faster)
and launcher / java -jar. The launcher's archive is made before timing (its first run). Needs
pngquant and Debian's python3-skimage (../shared/bench/install-peers.sh) and `mvn package` done.
"""
import argparse, datetime, os, platform, resource, shutil, statistics, subprocess, sys, tempfile, time

import numpy as np
from skimage import io

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, '..', 'shared')
JAR = os.path.join(ROOT, 'target', 'kmeans-quantize-cli.jar')
LAUNCHER = os.path.join(ROOT, 'bin', 'kmeans-quantize')


def timed(cmd):
    """Runs cmd; returns (wall seconds, CPU seconds of the process and its children)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode not in (0, 98, 99):  # pngquant: 98/99 = quality not reached, file still written
        raise RuntimeError('%s failed (%d): %s' % (' '.join(cmd[:4]), p.returncode, p.stderr.strip()[-300:]))
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def interleaved(cmds, n):
    """cmds: {name: argv}; runs each n times in turn; returns {name: (median wall, median cpu)}."""
    res = {k: ([], []) for k in cmds}
    for _ in range(n):
        for k, c in cmds.items():
            w, cpu = timed(c)
            res[k][0].append(w)
            res[k][1].append(cpu)
    return {k: (statistics.median(w), statistics.median(c)) for k, (w, c) in res.items()}


def photos(folder):
    """The 8-bit RGB images of the evaluation folders, written as PNG into folder."""
    names = []
    for src in (os.path.join(SHARED, 'images'), os.path.join(ROOT, 'samples')):
        if not os.path.isdir(src):
            continue
        for f in sorted(os.listdir(src)):
            if not f.lower().endswith(('.png', '.tif', '.tiff')):
                continue
            try:
                a = io.imread(os.path.join(src, f))
            except Exception:
                continue
            if a.dtype != np.uint8 or a.ndim != 3 or a.shape[-1] != 3:
                continue
            name = os.path.splitext(f)[0] + '.png'
            if name in names:
                continue
            io.imsave(os.path.join(folder, name), a, check_contrast=False)
            names.append(name)
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--tiny-repeat', type=int, default=15)
    ap.add_argument('--k', default='16,64,256')
    ap.add_argument('--out')
    args = ap.parse_args()
    ks = [int(k) for k in args.k.split(',')]
    tmp = tempfile.mkdtemp(prefix='kq-ratios-')
    env_cache = os.environ.get('KMEANS_QUANTIZE_CACHE')
    rows = []
    try:
        d = os.path.join(tmp, 'photos')
        os.makedirs(d)
        names = photos(d)
        # pngquant writes its files beside its inputs: a copy of the folder, so that `compress DIR`
        # sees only the photos on every repetition
        dq = os.path.join(tmp, 'photos-pngquant')
        shutil.copytree(d, dq)
        pixels = sum(io.imread(os.path.join(d, n)).shape[0] * io.imread(os.path.join(d, n)).shape[1] for n in names)
        tiny = os.path.join(tmp, 'tiny16.png')
        io.imsave(tiny, np.random.default_rng(1).integers(0, 256, (16, 16, 3), dtype=np.uint8), check_contrast=False)
        big = os.path.join(tmp, 'photo2mp.tif')
        subprocess.run(['/usr/bin/python3', os.path.join(SHARED, 'bench', 'make-big.py'),
                        os.path.join(SHARED, 'images', 'coffee.png'), big, '1920', '1080'], check=True,
                       stdout=subprocess.DEVNULL)
        big_png = os.path.join(tmp, 'photo2mp.png')
        io.imsave(big_png, io.imread(big), check_contrast=False)
        launcher = [LAUNCHER]
        jar = ['java', '-jar', JAR]
        # the launcher's first run makes its archive: not part of the timing
        subprocess.run(launcher + ['compress', tiny, '-o', os.path.join(tmp, 'warm.png'), '--colors', '16'],
                       check=True, stdout=subprocess.DEVNULL)

        load0 = os.getloadavg()[0]
        for k in ks:
            out = os.path.join(tmp, 'out-%d' % k)
            pq = os.path.join(tmp, 'pq-%d' % k)
            os.makedirs(pq, exist_ok=True)
            r = interleaved({
                'ours': launcher + ['compress', d, '-o', out, '--colors', str(k)],
                'pngquant': ['pngquant', str(k), '--nofs', '--force', '--ext', '-q.png'] + [
                    os.path.join(dq, n) for n in names]}, args.repeat)
            rows.append(('folder of %d RGB photos (%.1f MP), k = %d' % (len(names), pixels / 1e6, k),
                         'compress DIR (launcher)', r['ours'], r['pngquant']))
        r = interleaved({
            'launcher': launcher + ['compress', big_png, '-o', os.path.join(tmp, 'b1.png'), '--colors', '256'],
            'jar': jar + ['compress', big_png, '-o', os.path.join(tmp, 'b2.png'), '--colors', '256'],
            'pngquant': ['pngquant', '256', '--nofs', '--force', '--output', os.path.join(tmp, 'b3.png'), big_png]},
            args.repeat)
        rows.append(('one 2.1 MP photo, k = 256', 'launcher', r['launcher'], r['pngquant']))
        rows.append(('one 2.1 MP photo, k = 256', 'java -jar', r['jar'], r['pngquant']))
        t = interleaved({
            'launcher': launcher + ['compress', tiny, '-o', os.path.join(tmp, 't1.png'), '--colors', '16'],
            'jar': jar + ['compress', tiny, '-o', os.path.join(tmp, 't2.png'), '--colors', '16'],
            'pngquant': ['pngquant', '16', '--nofs', '--force', '--output', os.path.join(tmp, 't3.png'), tiny]},
            args.tiny_repeat)
        rows.append(('16x16 image, k = 16 (fixed cost)', 'launcher', t['launcher'], t['pngquant']))
        rows.append(('16x16 image, k = 16 (fixed cost)', 'java -jar', t['jar'], t['pngquant']))
        load1 = os.getloadavg()[0]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    lines = ['%s, %s, %d cores; load average %.1f at the start, %.1f at the end; medians of %d runs (16x16: %d)'
             % (datetime.date.today().isoformat(), platform.node(), os.cpu_count(), load0, load1, args.repeat,
                args.tiny_repeat), '',
             '| case | ours | ours wall s | ours CPU s | pngquant wall s | pngquant CPU s | ratio wall | ratio CPU |',
             '|---|---|---|---|---|---|---|---|']
    for case, who, (w, c), (pw, pc) in rows:
        lines.append('| %s | %s | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |' % (case, who, w, c, pw, pc, w / pw,
                                                                                c / pc))
    lw, lc = t['launcher']
    jw, jc = t['jar']
    lines += ['', 'fixed cost, launcher / java -jar: %.2f wall, %.2f CPU (target: at most 0.5)' % (lw / jw, lc / jc)]
    text = '\n'.join(lines)
    print(text)
    if args.out:
        with open(args.out, 'w') as f:
            f.write(text + '\n')


if __name__ == '__main__':
    main()
