/**
 * What players type arrives in whatever form their keyboard produced: macOS and some Android IMEs
 * send decomposed jamo (NFD), and chat text often carries stray spaces. Everything the rules compare
 * goes through here first.
 */

/** NFC-normalised and trimmed. */
export function normalizeInput(text: string): string {
  return text.normalize('NFC').trim();
}
