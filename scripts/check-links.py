#!/usr/bin/env python3
"""Checks the relative links of README.md, docs/*.md and spark/README.md: every linked file exists
and every #anchor names a heading of its page (GitHub's slugs). Prints each broken link; exit status
1 if there is one. Run from the repository's root: python3 scripts/check-links.py"""
import glob, os, re, sys

LINK = re.compile(r'!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)')


def slug(heading):
    s = heading.strip().lower()
    s = re.sub(r'[^\w\- ]', '', s.replace('`', ''))
    return s.replace(' ', '-')


def anchors(page):
    seen, out = {}, set()
    in_code = False
    for line in open(page, encoding='utf-8'):
        if line.startswith('```'):
            in_code = not in_code
        if in_code:
            continue
        m = re.match(r'#+\s+(.*)', line)
        if m:
            a = slug(m.group(1))
            n = seen.get(a, 0)
            seen[a] = n + 1
            out.add(a if n == 0 else '%s-%d' % (a, n))
    return out


def main():
    pages = ['README.md', 'spark/README.md'] + sorted(glob.glob('docs/*.md'))
    bad = 0
    for page in pages:
        text = open(page, encoding='utf-8').read()
        text = re.sub(r'```.*?```', '', text, flags=re.S)
        for target in LINK.findall(text):
            if re.match(r'[a-z]+:', target):
                continue
            path, _, anchor = target.partition('#')
            file = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
            if not os.path.exists(file):
                print('%s: %s: no such file' % (page, target))
                bad += 1
            elif anchor and file.endswith('.md') and anchor not in anchors(file):
                print('%s: %s: no such heading' % (page, target))
                bad += 1
    print('%d broken links' % bad)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
