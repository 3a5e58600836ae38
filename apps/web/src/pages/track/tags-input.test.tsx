import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../test/dom.ts';
import { TagsInput } from './tags-input.tsx';

function Harness({ initial = [] as string[] }) {
  const [tags, setTags] = useState(initial);
  return (
    <>
      <TagsInput
        label="Tags"
        hint="Press Enter or a comma to add a tag."
        value={tags}
        onChange={setTags}
        removeLabel={(tag) => `Remove the tag ${tag}`}
        addedMessage={(tag) => `Tag ${tag} added.`}
        removedMessage={(tag) => `Tag ${tag} removed.`}
        fullMessage="You already have 10 tags."
      />
      <output data-testid="value">{tags.join('|')}</output>
    </>
  );
}

const input = () => screen.getByRole('textbox', { name: 'Tags' });
const value = () => textOf(screen.getByTestId('value'));

describe('TagsInput', () => {
  it('adds tags with Enter and comma, lower-cased, trimmed and without duplicates', async () => {
    render(<Harness />);
    await userEvent.type(input(), '  Lo-Fi {Enter}night,LO-FI,');
    expect(value()).toBe('lo-fi|night');
    expect(screen.getByText('Tag night added.')).toBeTruthy();
    expect((input() as HTMLInputElement).value).toBe('');
  });

  it('removes the last tag with Backspace in the empty box, and any tag with its button', async () => {
    render(<Harness initial={['ambient', 'night', 'synth']} />);
    await userEvent.click(input());
    await userEvent.keyboard('{Backspace}');
    expect(value()).toBe('ambient|night');
    expect(screen.getByText('Tag synth removed.')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Remove the tag ambient' }));
    expect(value()).toBe('night');
    // Focus goes back to the box, so the keyboard carries on.
    expect(document.activeElement).toBe(input());

    // Backspace edits the text while there is some; only then does it remove a tag.
    await userEvent.keyboard('ab{Backspace}{Backspace}{Backspace}');
    expect(value()).toBe('');
  });

  it('adds what is typed when leaving the box, and every tag of a pasted list', async () => {
    render(<Harness />);
    await userEvent.type(input(), 'dub');
    await userEvent.tab();
    expect(value()).toBe('dub');
    await userEvent.click(input());
    await userEvent.paste('jazz, soul ,  funk');
    expect(value()).toBe('dub|jazz|soul|funk');
  });

  it('explains an invalid tag with the shared schema and keeps the text to fix', async () => {
    render(<Harness />);
    await userEvent.type(input(), '#hashtag{Enter}');
    expect(value()).toBe('');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("Tags use letters, digits, spaces and - _ . & '.")).toBeTruthy();
    expect((input() as HTMLInputElement).value).toBe('#hashtag');
  });

  it('stops at 10 tags', async () => {
    render(<Harness initial={Array.from({ length: 10 }, (_, i) => `tag ${i}`)} />);
    await userEvent.type(input(), 'one more{Enter}');
    expect(value().split('|')).toHaveLength(10);
    expect(screen.getByText('You already have 10 tags.')).toBeTruthy();
  });
});
