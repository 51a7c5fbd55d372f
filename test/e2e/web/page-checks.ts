/**
 * Checks that run inside the page: WCAG contrast of every visible text, text the page itself
 * writes (not players') in a given script, and the room's tables as text.
 */
import type { Page } from 'playwright-core';

export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP = { viewport: { width: 1100, height: 720 } };

export interface ContrastFailure {
  text: string;
  ratio: number;
  needed: number;
}

/**
 * Every visible element with its own text, its colour against the first opaque background
 * behind it: at least 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold), as WCAG AA asks.
 */
export function contrastFailures(page: Page): Promise<ContrastFailure[]> {
  return page.evaluate(() => {
    const parse = (value: string): number[] => {
      const parts = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0];
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    const luminance = ([r, g, b]: number[]) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    };
    const backgroundOf = (element: Element | null): number[] => {
      for (let node = element; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if ((bg[3] ?? 0) > 0.99) return bg;
      }
      return [255, 255, 255, 1];
    };
    const failures: { text: string; ratio: number; needed: number }[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('')
        .trim();
      if (own === '') continue;
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden') continue;
      if (element.closest('.visually-hidden')) continue;
      const fg = parse(style.color);
      const bg = backgroundOf(element);
      const alpha = fg[3] ?? 1;
      const blended = [0, 1, 2].map((i) => (fg[i] ?? 0) * alpha + (bg[i] ?? 0) * (1 - alpha));
      const [l1, l2] = [luminance(blended), luminance(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio < needed)
        failures.push({ text: own.slice(0, 40), ratio: Math.round(ratio * 100) / 100, needed });
    }
    return failures;
  });
}

/**
 * Visible text the page writes itself, leaving out what players typed (names, chat, words,
 * room names) and the consonants: in English mode none of it may be Korean.
 */
export function pageOwnText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // #last-answer is the player's name and word in a sentence: tests check that sentence whole.
    const players =
      '.who, .what, .word, .pattern, #consonant, #me, #room-name, .room-choice-name, #scores td:first-child, #lang, #nickname, #room, #last-answer';
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const parent = node.parentElement;
      if (text === '' || !parent || parent.closest(players)) continue;
      const rect = parent.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      out.push(text);
    }
    for (const input of document.querySelectorAll('input')) {
      if (input.getBoundingClientRect().width > 0 && input.placeholder) out.push(input.placeholder);
    }
    return out;
  });
}

export const scoreRows = (page: Page) =>
  page.$$eval('#scores tr', (trs) =>
    trs.map((tr) => [...(tr as HTMLTableRowElement).cells].map((cell) => cell.textContent?.trim()).join(' ')),
  );

export const answerItems = (page: Page) =>
  page.$$eval('#answers li:not(.empty)', (items) => items.map((item) => item.textContent));
