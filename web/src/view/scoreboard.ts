/** The score table and the list of who answered what, both rebuilt from state each time. */
import type { Score } from '../protocol.ts';
import type { AnswerRecord } from '../room-state.ts';
import type { Strings } from '../strings.ts';

export function showScores(
  body: HTMLTableSectionElement,
  scores: Score[],
  me: string,
  strings: Strings,
): void {
  body.replaceChildren(
    ...scores.map((score) => {
      const row = document.createElement('tr');
      if (score.username === me) row.className = 'mine';
      const name = document.createElement('td');
      name.textContent = score.username === me ? `${score.username} (${strings.you})` : score.username;
      const count = document.createElement('td');
      count.className = 'count';
      count.textContent = String(score.answerCnt);
      row.append(name, count);
      return row;
    }),
  );
}

export function showAnswers(list: HTMLElement, answers: AnswerRecord[], strings: Strings): void {
  if (answers.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'empty';
    empty.textContent = strings.noAnswers;
    list.replaceChildren(empty);
    return;
  }
  list.replaceChildren(
    ...answers.map((answer) => {
      const item = document.createElement('li');
      if (answer.username !== undefined) {
        const who = document.createElement('span');
        who.className = 'who';
        who.textContent = answer.username;
        item.append(who);
      }
      const word = document.createElement('span');
      word.className = 'word';
      word.textContent = answer.word;
      item.append(word);
      if (answer.consonant) {
        const pattern = document.createElement('span');
        pattern.className = 'pattern';
        pattern.textContent = answer.consonant;
        item.append(pattern);
      }
      return item;
    }),
  );
}
