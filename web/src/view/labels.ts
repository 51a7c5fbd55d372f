/** Puts the current language's words into the markup: `data-i18n` names the text,
 * `data-i18n-placeholder` and `data-i18n-label` the placeholder and aria-label. */
import { isTextKey, type Lang, type Strings } from '../strings.ts';

export function applyLabels(root: Document, lang: Lang, strings: Strings): void {
  root.documentElement.lang = lang;
  root.title = strings.title;
  const set = (attribute: string, apply: (element: HTMLElement, text: string) => void) => {
    for (const element of root.querySelectorAll<HTMLElement>(`[${attribute}]`)) {
      const key = element.getAttribute(attribute) ?? '';
      if (isTextKey(key)) apply(element, strings[key]);
    }
  };
  set('data-i18n', (element, text) => {
    element.textContent = text;
  });
  set('data-i18n-placeholder', (element, text) => element.setAttribute('placeholder', text));
  set('data-i18n-label', (element, text) => element.setAttribute('aria-label', text));
}
