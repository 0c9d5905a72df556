// WCAG 2.1 AA in headless Chromium against `sourceenergy localnet --economy`: axe-core's
// A/AA rules on every page, disconnected and connected, in light and dark mode (any violation
// fails, whatever its impact); one h1 and no skipped heading level per page, with the header,
// navigation and main landmarks; reflow at 320 px and at 200 % zoom; reduced motion; nothing
// reachable only by hover (no `title` tooltip carrying text the page does not otherwise give).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { startNode, type LocalNode } from '../../../clients/js/tests/harness';
import { serveDist } from './static-server';
import { describeViolations, runAxe } from './axe';
import { DESKTOP, appDir, appUrl, connectWallet, keypairBytes, openBrowser, type Browser } from './helpers';

let node: LocalNode;
let server: Awaited<ReturnType<typeof serveDist>>;
const browsers: Browser[] = [];

beforeAll(async () => {
  node = await startNode();
  server = await serveDist(join(appDir, 'dist'));
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.close();
  await node?.stop();
});

async function browserWith(secret: number[]) {
  const b = await openBrowser(secret);
  browsers.push(b);
  return b;
}

/** Every route of the navigation, and one community's own page. */
function routes(): [string, string][] {
  const community = node.economy?.communities[0];
  return [
    ['dashboard', '/'],
    ['member', '/member'],
    ['trade', '/trade'],
    ['offers', '/offers'],
    ['household', '/household'],
    ['community', '/community'],
    ...(community ? ([['community detail', `/community/${community}`]] as [string, string][]) : []),
    ['governance', '/governance'],
  ];
}

/** Waits until the page has read the chain: no "Reading…"/"Checking…" left in main, steady for a moment. */
async function settled(page: Page) {
  await page.locator('main').waitFor();
  await page.waitForFunction(
    () => {
      const text = document.querySelector('main')?.textContent ?? '';
      return text.length > 0 && !/Reading|Checking…/.test(text);
    },
    undefined,
    { timeout: 45_000 },
  );
  await page.waitForTimeout(400);
}

/** Moves through the app by its own navigation (a client-side route change, as a person would). */
async function visit(page: Page, path: string) {
  await page.evaluate((p) => {
    history.pushState(null, '', p + location.search);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await settled(page);
}

/**
 * The app's elements with a `title` tooltip that says something not otherwise on the page: a
 * tooltip shows on mouse hover only (not to a keyboard, a touch screen or most screen readers),
 * so one is allowed only where it repeats the element's own visible text or its aria-label.
 */
function hoverOnlyTitles(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('body [title]'))
      .filter((el) => {
        const title = (el.getAttribute('title') ?? '').trim();
        if (title === '') return false;
        const own = [(el.innerText ?? el.textContent ?? '').trim(), (el.getAttribute('aria-label') ?? '').trim()];
        return !own.includes(title);
      })
      .map((el) => `<${el.tagName.toLowerCase()}${el.dataset.testid ? ` data-testid="${el.dataset.testid}"` : ''} title="${el.getAttribute('title')}">${(el.textContent ?? '').trim().slice(0, 40)}`),
  );
}

/** axe on every route in both colour schemes; the violations of all of them in one failure. */
async function scanAll(page: Page, state: string) {
  const failures: string[] = [];
  const seen: string[] = [];
  const titles: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, path] of routes()) {
      await visit(page, path);
      const violations = await runAxe(page);
      seen.push(`${name} ${scheme}: ${violations.length}`);
      if (scheme === 'light') titles.push(...(await hoverOnlyTitles(page)).map((t) => `${name} (${state}): ${t}`));
      if (violations.length > 0) failures.push(`${name} (${state}, ${scheme}):\n${describeViolations(violations)}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(failures.join('\n\n'), `WCAG 2.1 A/AA violations`).toBe('');
  expect(titles, 'title tooltips with text reachable only by hover').toEqual([]);
  expect(seen).toHaveLength(routes().length * 2);
}

/** The heading levels of the page in document order, and its landmarks. */
async function outline(page: Page) {
  return page.evaluate(() => ({
    headings: Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
      .filter((h) => (h as HTMLElement).offsetParent !== null || getComputedStyle(h).position === 'absolute')
      .map((h) => ({ level: Number(h.tagName[1]), text: h.textContent?.trim() ?? '' })),
    banner: document.querySelectorAll('body header:not(main header)').length,
    nav: document.querySelectorAll('nav').length,
    navName: document.querySelector('nav')?.getAttribute('aria-label') ?? '',
    main: document.querySelectorAll('main').length,
    title: document.title,
  }));
}

function memberSecret(): number[] {
  const m = node.economy?.members?.find((x) => x.household) ?? node.economy?.members?.[0];
  if (!m) throw new Error('the economy has no members');
  return keypairBytes(m.keypair);
}

describe('accessibility (WCAG 2.1 AA)', () => {
  it('every page, not connected, in light and dark mode: no axe violation', async () => {
    const { page } = await browserWith(memberSecret());
    await page.goto(appUrl(server.url, node, '/'));
    await settled(page);
    await scanAll(page, 'not connected');
  });

  it('every page, connected as an economy member, in light and dark mode: no axe violation', async (ctx) => {
    if (!node.economy?.members) return ctx.skip(); // members with households and meters come with --economy
    const { page } = await browserWith(memberSecret());
    await page.goto(appUrl(server.url, node, '/'));
    await settled(page);
    await connectWallet(page);
    // The member page with its sections read (the member has an account, a household, meters).
    await visit(page, '/member');
    await page.getByTestId('member-account').waitFor({ timeout: 30_000 });
    await scanAll(page, 'connected');
  });

  it('the governance page as a council member (its buttons and the proposal form): no axe violation', async (ctx) => {
    if (!node.economy) return ctx.skip();
    const council = node.economy.keypairs.council as string[];
    const { page } = await browserWith(keypairBytes(council[0]));
    await page.goto(appUrl(server.url, node, '/governance'));
    await settled(page);
    await connectWallet(page);
    await page.getByTestId('propose-form').waitFor({ timeout: 30_000 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const violations = await runAxe(page);
      expect(violations, `governance as council member, ${scheme}:\n${describeViolations(violations)}`).toEqual([]);
    }
    // The council member's buttons too (a disabled Execute once explained itself in a tooltip only).
    const execute = page.getByTestId('proposal-execute').first();
    expect(await execute.isDisabled()).toBe(true);
    expect(await hoverOnlyTitles(page), 'title tooltips with text reachable only by hover').toEqual([]);
    // Why it is disabled is its accessible description: the phase shown on the card.
    const why = await execute.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
    expect(why).toMatch(/\S/);
    expect(why).toBe(await page.getByTestId('proposal-state').first().textContent());
  });

  it('explanations and whole addresses without hovering: a figure’s explanation on screen as its description; a Copy button per short address', async () => {
    const community = node.economy?.communities[0];
    expect(community, 'the economy has a community').toBeTruthy();
    const { page } = await browserWith(memberSecret());
    await page.goto(appUrl(server.url, node, `/community/${community}`));
    await settled(page);
    for (const [id, text] of [
      ['community-value', 'Liquid currency plus projects at cost'],
      ['community-share-price', 'Fund value per share outstanding'],
    ]) {
      const d = await page.getByTestId(id).evaluate((el) => {
        const help = document.getElementById(el.getAttribute('aria-describedby') ?? '');
        return { text: help?.textContent ?? '', visible: !!help && help.getBoundingClientRect().height > 0 && getComputedStyle(help).visibility !== 'hidden' };
      });
      expect(d, id).toEqual({ text, visible: true });
    }
    // The community's address: short on screen, whole in its Copy button's name.
    expect(await page.getByTestId('community-address').textContent()).toBe(`${community!.slice(0, 4)}…${community!.slice(-4)}`);
    expect(await page.getByRole('button', { name: `Copy address ${community}`, exact: true }).count()).toBe(1);
    // The title check finds a tooltip that says more than its element (so it can fail).
    await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.id = 'title-probe';
      probe.title = 'said only on hover';
      probe.textContent = 'x';
      document.querySelector('main')!.append(probe);
    });
    expect(await hoverOnlyTitles(page)).toEqual(['<span title="said only on hover">x']);
    await page.evaluate(() => document.getElementById('title-probe')!.remove());
    expect(await hoverOnlyTitles(page)).toEqual([]);
  });

  it('each page has one h1, no skipped heading level, a title, and the banner, navigation and main landmarks', async () => {
    const { page } = await browserWith(memberSecret());
    await page.goto(appUrl(server.url, node, '/'));
    await settled(page);
    const titles = new Set<string>();
    for (const [name, path] of routes()) {
      await visit(page, path);
      const o = await outline(page);
      expect(o.headings.filter((h) => h.level === 1), `${name}: one h1`).toHaveLength(1);
      expect(o.headings[0].level, `${name}: the outline starts at the h1`).toBe(1);
      for (let i = 1; i < o.headings.length; i++) {
        expect(
          o.headings[i].level - o.headings[i - 1].level,
          `${name}: "${o.headings[i - 1].text}" (h${o.headings[i - 1].level}) → "${o.headings[i].text}" (h${o.headings[i].level})`,
        ).toBeLessThanOrEqual(1);
      }
      expect(o).toMatchObject({ banner: 1, nav: 1, main: 1, navName: 'Main' });
      expect(o.title).toMatch(/ · SourceEnergy$/);
      titles.add(o.title);
    }
    // Each page says which page it is.
    expect(titles.size).toBe(routes().length);
  });

  it('reflows at 320 px and at 200 % zoom: no sideways scrolling, the navigation and the page still there, axe clean', async (ctx) => {
    if (!node.economy?.members) return ctx.skip();
    const { page } = await browserWith(memberSecret());
    await page.goto(appUrl(server.url, node, '/'));
    await settled(page);
    await connectWallet(page);
    // 320 CSS px is WCAG 1.4.10's width; 640 × 400 is what a 1280 × 800 window lays out at 200 % zoom.
    for (const [what, viewport] of [
      ['320 px', { width: 320, height: 640 }],
      ['1280 px at 200 %', { width: 640, height: 400 }],
    ] as const) {
      await page.setViewportSize(viewport);
      for (const [name, path] of routes()) {
        await visit(page, path);
        const m = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
          // Every navigation link and the wallet's controls lie inside the viewport's width.
          outside: Array.from(document.querySelectorAll('header a, header button, header select'))
            .map((el) => el.getBoundingClientRect())
            .filter((r) => r.left < 0 || r.right > document.documentElement.clientWidth + 0.5).length,
          navLinks: document.querySelectorAll('nav a').length,
          mainText: document.querySelector('main')?.textContent?.length ?? 0,
          mainWidth: document.querySelector('main')?.getBoundingClientRect().width ?? 0,
        }));
        expect(m.scrollWidth, `${name} at ${what}: page width`).toBeLessThanOrEqual(m.clientWidth);
        expect(m.outside, `${name} at ${what}: header controls outside the viewport`).toBe(0);
        expect(m.navLinks).toBe(7);
        expect(m.mainText, `${name} at ${what}: main has its content`).toBeGreaterThan(20);
        expect(m.mainWidth).toBeLessThanOrEqual(m.clientWidth);
        const violations = await runAxe(page);
        expect(violations, `${name} at ${what}:\n${describeViolations(violations)}`).toEqual([]);
      }
    }
    await page.setViewportSize(DESKTOP);
  });

  it('with reduced motion asked for, nothing animates or transitions; without, the same styles do', async () => {
    const { page } = await browserWith(memberSecret());
    await page.goto(appUrl(server.url, node, '/'));
    await settled(page);
    // An element with its own transition and animation (as a toast has) stands for any on the page.
    await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.id = 'motion-probe';
      probe.style.transition = 'opacity 300ms ease';
      probe.style.animation = 'probe-spin 1s linear infinite';
      document.querySelector('main')!.append(probe);
    });
    const longest = () =>
      page.evaluate(() => {
        const seconds = (list: string) => Math.max(...list.split(',').map((v) => (v.trim().endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v))));
        let max = 0;
        for (const el of Array.from(document.querySelectorAll('*'))) {
          for (const pseudo of [null, '::before', '::after']) {
            const cs = getComputedStyle(el, pseudo);
            max = Math.max(max, seconds(cs.transitionDuration) + seconds(cs.transitionDelay), seconds(cs.animationDuration) + seconds(cs.animationDelay));
          }
        }
        return max;
      });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await longest()).toBeGreaterThanOrEqual(1);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await longest()).toBeLessThanOrEqual(0.00001);
    // Through the other pages too.
    for (const [, path] of routes()) {
      await visit(page, path);
      expect(await longest()).toBeLessThanOrEqual(0.00001);
    }
  });
});
