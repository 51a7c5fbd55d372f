/**
 * The connection badge: a coloured dot, the state in words (a live region, so screen readers
 * hear "offline" once) and, apart from it, the countdown to the next try (not live, or it
 * would be read out every second).
 */
import type { ConnectionStatus } from '../connection.ts';
import type { Strings } from '../strings.ts';

export interface StatusElements {
  badge: HTMLElement;
  state: HTMLElement;
  countdown: HTMLElement;
  retry: HTMLButtonElement;
}

export interface StatusView {
  show(status: ConnectionStatus): void;
  relabel(strings: Strings): void;
}

export function statusView(elements: StatusElements, initial: Strings): StatusView {
  let strings = initial;
  let current: ConnectionStatus = { state: 'closed' };
  let ticker: ReturnType<typeof setInterval> | undefined;

  const setText = (element: HTMLElement, text: string) => {
    if (element.textContent !== text) element.textContent = text;
  };

  const render = () => {
    elements.badge.dataset.state = current.state;
    elements.retry.hidden = current.state !== 'offline';
    const words: Record<ConnectionStatus['state'], string> = {
      connecting: strings.connecting,
      online: strings.online,
      offline: strings.offline,
      closed: strings.closed,
    };
    setText(elements.state, words[current.state]);
    const seconds =
      current.state === 'offline' ? Math.ceil((current.retryAt - Date.now()) / 1000) : undefined;
    setText(elements.countdown, seconds === undefined ? '' : strings.retryIn(Math.max(0, seconds)));
  };

  return {
    show(status) {
      current = status;
      if (ticker !== undefined) clearInterval(ticker);
      ticker = status.state === 'offline' ? setInterval(render, 250) : undefined;
      render();
    },
    relabel(next) {
      strings = next;
      render();
    },
  };
}
