// check.mjs loads every page of a built moocreport site in Debian's headless
// Chromium and fails if a reader would meet a problem there.
//
//	node check.mjs [--site DIR] [--shots DIR] [--repo DIR] [--full]
//
// --site is a public/ folder as `moocreport build -public DIR` writes it
// (index.html, <version>/, latest/). Without it the example study is built
// into a temporary folder first, with `go run ./cmd/moocreport` in --repo
// (default: the repository this file is in). --shots is where full-page
// screenshots go (default: tests/browser/screenshots/), for a person to look
// at: automated checks cannot tell whether a page looks right.
//
// Every page is loaded three ways: from file:// at desktop width, and from a
// tiny HTTP server on 127.0.0.1 under a sub-path (/reports/x/) at desktop and
// at phone width — the two ways the README promises the site works. Each
// load checks:
//
//   - no console errors and no uncaught exceptions;
//   - no failed requests, no HTTP status ≥ 400, and no request leaving the
//     site (the site must work offline: no CDN, fonts or scripts elsewhere);
//   - every <img> loaded (complete, naturalWidth > 0);
//   - every local link resolves: the file exists and, for a link with a
//     #fragment into a page, that page has an element with that id;
//   - the page does not scroll sideways at phone width (WCAG 1.4.10);
//   - at phone width the header is one line high (the title and the
//     Contents menu), and every chart is shown at 90 % of its drawn size or
//     more, so its 11–13 px text is not shrunk out of reading (the site
//     swaps in the charts' phone drawing);
//   - axe-core, injected into the page with every <details> opened so the
//     chart data tables are checked too, reports no violations of the WCAG
//     2.0/2.1 A and AA rules or of its best-practice rules (heading order,
//     landmarks, one main, …).
//
// It uses playwright-core, which drives an installed browser and never
// downloads one, and Chromium from /usr/bin/chromium (CHROMIUM overrides).
// Exit status 1 lists every problem found, not only the first.

import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

const PREFIX = '/reports/x/'; // a sub-path, so root-relative links would break
const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 360, height: 740 },
};
// axe tags: WCAG 2.0 and 2.1 levels A and AA, and axe's best practices,
// which hold the heading-order and landmark rules.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

// timing adds up the seconds spent in each phase, for the summary line: a
// slow run should say where its time went.
const timing = { load: 0, screenshot: 0, axe: 0, links: 0 };
async function timed(phase, f) {
  const t = performance.now();
  try {
    return await f();
  } finally {
    timing[phase] += (performance.now() - t) / 1000;
  }
}

function parseArgs(argv) {
  const opt = { site: '', shots: path.join(here, 'screenshots'), repo: path.resolve(here, '..', '..'), full: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--?/, '');
    if (name === 'full') {
      opt.full = true;
      continue;
    }
    if (!(name in opt) || i + 1 >= argv.length) {
      throw new Error(`usage: node check.mjs [--site DIR] [--shots DIR] [--repo DIR] [--full] (bad argument ${argv[i]})`);
    }
    opt[name] = path.resolve(argv[++i]);
  }
  return opt;
}

// buildSite builds the example study into a fresh temporary public/ folder.
function buildSite(repo) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moocreport-browser-'));
  const r = spawnSync('go', ['run', './cmd/moocreport', 'build', '-study', 'study.yaml', '-public', dir],
    { cwd: repo, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) {
    throw new Error(`building the example site failed: ${r.error ?? 'exit status ' + r.status}`);
  }
  return dir;
}

// htmlFiles lists every .html file under dir, slash-separated and sorted,
// so pages are checked and reported in a fixed order.
function htmlFiles(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...htmlFiles(dir, r));
    else if (e.name.endsWith('.html')) out.push(r);
  }
  return out.sort();
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.csv': 'text/csv; charset=utf-8', '.json': 'application/json',
  '.pdf': 'application/pdf',
};

// serve starts a static server for root under PREFIX on 127.0.0.1 and a
// free port. Anything outside PREFIX is a 404, as on a shared web server
// where the report is one folder among many.
function serve(root) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    if (!rel.startsWith(PREFIX)) return notFound(res);
    rel = path.posix.normalize(rel.slice(PREFIX.length));
    if (rel.startsWith('..')) return notFound(res);
    let file = path.join(root, rel);
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = fs.readFileSync(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      notFound(res);
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function notFound(res) {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found');
}

// Run is one way of loading every page: a base URL and a viewport.
class Run {
  constructor(name, base, viewport, { axe, shots }) {
    Object.assign(this, { name, base, viewport, axe, shots });
    this.ids = new Map(); // page URL without hash → Set of element ids
    this.links = []; // { from, href }
  }

  isLocal(u) {
    return u.startsWith(this.base);
  }
}

async function checkPage(ctx, run, rel, opt, problems, { axe, shots }) {
  const say = (msg) => problems.push(`${run.name} ${rel}: ${msg}`);
  const page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') say(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => say(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => {
    // A <picture> source the browser began to fetch and then dropped for
    // the other one (a busy machine can start one before the viewport is
    // final) is aborted, not failed: every <img> is checked to have loaded
    // below, and a missing file is a 404.
    if (r.resourceType() === 'image' && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    say(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) say(`HTTP ${r.status()} for ${r.url()}`); });

  const url = run.base + rel;
  await timed('load', () => page.goto(url, { waitUntil: 'load' }));

  const facts = await page.evaluate(() => ({
    images: [...document.images].map((i) => ({ src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0 })),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
    ids: [...document.querySelectorAll('[id], a[name]')].map((e) => e.id || e.getAttribute('name')),
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    header: (() => {
      const h = document.querySelector('header.site');
      const t = document.querySelector('header.site .report-title');
      if (!h || !t) return null;
      const cs = getComputedStyle(h);
      return {
        inner: h.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom),
        line: parseFloat(getComputedStyle(t).lineHeight),
      };
    })(),
    charts: [...document.querySelectorAll('figure .chart img')].map((i) => ({
      src: i.currentSrc || i.src, shown: i.getBoundingClientRect().width, drawn: i.naturalWidth,
    })),
  }));
  if (run.viewport.width <= 400) {
    // One line: the title's line, with room for the menu button's border.
    if (facts.header && facts.header.inner > facts.header.line * 1.5) {
      say(`header is ${facts.header.inner.toFixed(0)}px high inside, more than one ${facts.header.line.toFixed(0)}px line`);
    }
    for (const c of facts.charts) {
      if (c.drawn > 0 && c.shown < 0.9 * c.drawn) {
        say(`chart ${c.src} is shown at ${c.shown.toFixed(0)}px of its ${c.drawn}px: its text is shrunk to ${(100 * c.shown / c.drawn).toFixed(0)} %`);
      }
    }
  }
  for (const img of facts.images) if (!img.ok) say(`image did not load: ${img.src}`);
  if (facts.overflow > 1) {
    // Name the widest culprits; walking every element is slow, so only now.
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')));
    say(`page scrolls sideways by ${facts.overflow}px at ${run.viewport.width}px wide (${wide.join(', ')})`);
  }
  run.ids.set(url, new Set(facts.ids));
  for (const href of facts.links) run.links.push({ from: rel, href });

  if (shots) {
    const shot = path.join(opt.shots, `${rel.replaceAll('/', '_').replace(/\.html$/, '')}-${run.name.split(' ')[1]}.png`);
    await timed('screenshot', () => page.screenshot({ path: shot, fullPage: true }));
  }
  if (axe) {
    const result = await timed('axe', async () => {
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      await page.addScriptTag({ path: axePath });
      return page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
        // No CSSOM preload: it fetches style.css by XHR, which file:// forbids.
        preload: false,
      }), AXE_TAGS);
    });
    for (const v of result.violations) {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
      const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
      say(`axe ${v.id} (${v.impact}): ${v.help} — ${where}${more}`);
    }
  }
  await page.close();
}

// checkLinks resolves every link seen in a run: local files must exist and
// fragments must name an element of the target page. Links off the site
// are allowed in the narrative (a reader may follow them) but not checked.
async function checkLinks(run, problems) {
  const seen = new Map(); // URL without hash → error or ''
  for (const { from, href } of run.links) {
    const u = new URL(href);
    if (!run.isLocal(u.href)) {
      if (u.protocol === 'file:' || u.origin === new URL(run.base).origin) {
        problems.push(`${run.name} ${from}: link leaves the site folder: ${href}`);
      }
      continue;
    }
    const target = u.href.replace(/#.*$/, '');
    if (!seen.has(target)) seen.set(target, await resolves(target));
    const err = seen.get(target);
    if (err) {
      problems.push(`${run.name} ${from}: broken link ${href}: ${err}`);
      continue;
    }
    if (u.hash.length > 1) {
      const ids = run.ids.get(target) ?? run.ids.get(target.replace(/\/$/, '/index.html'));
      const id = decodeURIComponent(u.hash.slice(1));
      if (!ids) problems.push(`${run.name} ${from}: link ${href} has a fragment into a page that was not checked`);
      else if (!ids.has(id)) problems.push(`${run.name} ${from}: link ${href}: no element with id "${id}"`);
    }
  }
}

async function resolves(target) {
  if (target.startsWith('file:')) {
    try {
      const st = fs.statSync(fileURLToPath(target));
      return st.isFile() || fs.existsSync(path.join(fileURLToPath(target), 'index.html')) ? '' : 'not a file';
    } catch {
      return 'no such file';
    }
  }
  const res = await fetch(target);
  await res.arrayBuffer();
  return res.ok ? '' : `HTTP ${res.status}`;
}

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const site = opt.site || buildSite(opt.repo);
  if (!opt.site) process.on('exit', () => fs.rmSync(site, { recursive: true, force: true }));
  const pages = htmlFiles(site);
  if (pages.length === 0) throw new Error(`no .html files under ${site}`);
  await fsp.rm(opt.shots, { recursive: true, force: true });
  await fsp.mkdir(opt.shots, { recursive: true });

  const server = await serve(site);
  const httpBase = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  const fileBase = pathToFileURL(site).href.replace(/\/?$/, '/');
  // playwright-core gives every launch a fresh temporary user-data-dir and
  // removes it afterwards; the flags keep Chromium from reaching the network
  // on its own (updates, sync, QUIC probes).
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    chromiumSandbox: false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // axe runs once per page, at desktop width over HTTP: colours and
  // structure are the same in every run, and injecting axe costs a second or
  // two per page on a busy machine. --full runs it in every run.
  const runs = [
    new Run('file desktop', fileBase, VIEWPORTS.desktop, { axe: opt.full, shots: false }),
    new Run('http desktop', httpBase, VIEWPORTS.desktop, { axe: true, shots: true }),
    new Run('http phone', httpBase, VIEWPORTS.phone, { axe: opt.full, shots: true }),
  ];
  const problems = [];
  try {
    // The runs go side by side: most of a page load is waiting on the
    // browser, so three at once take little longer than one.
    await Promise.all(runs.map(async (run) => {
      const ctx = await browser.newContext({ viewport: run.viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
      // Offline: anything not from the site itself is refused and reported.
      await ctx.route('**/*', (route) => {
        const u = route.request().url();
        if (run.isLocal(u) || u.startsWith('data:')) return route.continue();
        problems.push(`${run.name}: request outside the site: ${u}`);
        return route.abort('blockedbyclient');
      });
      for (const rel of pages) {
        // latest/ is a byte copy of the newest version: load it (its links
        // must work from there), but axe and screenshots would repeat
        // themselves.
        const copy = rel.startsWith('latest/');
        await checkPage(ctx, run, rel, opt, problems, { axe: run.axe && (!copy || opt.full), shots: run.shots && !copy });
      }
      await ctx.close();
      await timed('links', () => checkLinks(run, problems));
    }));
  } finally {
    await browser.close();
    server.close();
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`browser test: ${pages.length} pages × ${runs.length} runs (${runs.map((r) => r.name).join(', ')}) in ${secs}s (time spent, summed over the runs: `
    + Object.entries(timing).map(([k, v]) => `${k} ${v.toFixed(1)}s`).join(', ') + `); screenshots in ${opt.shots}`);
  if (problems.length > 0) {
    console.error(`${problems.length} problem(s):`);
    for (const p of [...new Set(problems)].sort()) console.error('  ' + p);
    process.exit(1);
  }
  console.log('no problems found');
}

main().catch((e) => {
  console.error('browser test:', e.stack || e.message || e);
  process.exit(1);
});
