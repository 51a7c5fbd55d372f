/**
 * Enter sends, except while an IME is composing. Korean input builds a syllable in a
 * composition; an Enter that arrives during it belongs to the IME (it commits the syllable),
 * and sending then would post half a word, or post once now and again after the commit.
 */

/** `keyCode` 229 is how Chromium and Safari flag a key the IME is handling. */
const IME_PROCESSING = 229;

export function isComposingEnter(event: KeyboardEvent, composing: boolean): boolean {
  return composing || event.isComposing || event.keyCode === IME_PROCESSING;
}

/**
 * Wires Enter on `input` to `submit`. `submit` returns whether the text left; only then is the
 * field cleared, so nothing typed is lost while offline.
 */
export function sendOnEnter(input: HTMLInputElement, submit: (text: string) => boolean): void {
  let composing = false;
  input.addEventListener('compositionstart', () => {
    composing = true;
  });
  input.addEventListener('compositionend', () => {
    composing = false;
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey) return;
    if (isComposingEnter(event, composing)) return;
    event.preventDefault();
    submitField(input, submit);
  });
}

export function submitField(input: HTMLInputElement, submit: (text: string) => boolean): void {
  const text = input.value.trim();
  if (text === '') return;
  if (submit(text)) input.value = '';
}
