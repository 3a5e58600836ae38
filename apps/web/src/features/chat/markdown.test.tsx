import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mentionsOf, parseBlocks, parseInline, renderMarkdown, safeHref } from './markdown.tsx';

const html = (source: string, options?: Parameters<typeof renderMarkdown>[1]) => render(<div data-testid="md">{renderMarkdown(source, options)}</div>).getByTestId('md').innerHTML;

describe('markdown-lite', () => {
  it('renders bold, italics, inline code and line breaks', () => {
    expect(html('**loud** and _soft_ and *soft too* with `code`\nnext')).toBe(
      '<strong>loud</strong> and <em>soft</em> and <em>soft too</em> with <code class="vw-md-code">code</code><br>next',
    );
  });

  it('keeps markup characters that do not pair up, and underscores inside words', () => {
    expect(html('2 * 3 * 4 = 24, snake_case_name, ** not bold **')).toBe('2 * 3 * 4 = 24, snake_case_name, ** not bold **');
  });

  it('renders fenced code blocks without interpreting their content', () => {
    expect(parseBlocks('before\n```js\nconst a = **1**;\n```\nafter')).toEqual([
      { kind: 'text', text: 'before\n' },
      { kind: 'code', text: 'const a = **1**;' },
      { kind: 'text', text: 'after' },
    ]);
    expect(html('```\n<b>x</b> **y**\n```')).toBe('<pre class="vw-md-pre"><code>&lt;b&gt;x&lt;/b&gt; **y**</code></pre>');
  });

  it('shows HTML as text: a <script> or an onerror never becomes markup', () => {
    const out = html('<script>alert(1)</script><img src=x onerror="alert(2)">');
    expect(out).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror="alert(2)"&gt;');
    const { container } = render(<div>{renderMarkdown('<script>alert(1)</script>**<img src=x onerror=alert(3)>**')}</div>);
    expect(container.querySelector('script, img')).toBeNull();
  });

  it('links only http(s) URLs, with noopener, and leaves javascript: and data: links as text', () => {
    const { container } = render(<div>{renderMarkdown('[site](https://example.com/a?b=1) [x](javascript:alert(1)) [y](data:text/html,hi) JAVASCRIPT:alert(1) see http://veza.test/t/1.')}</div>);
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => [a.getAttribute('href'), a.textContent])).toEqual([
      ['https://example.com/a?b=1', 'site'],
      ['http://veza.test/t/1', 'http://veza.test/t/1'],
    ]);
    for (const a of links) {
      expect(a.getAttribute('rel')).toContain('noopener');
      expect(a.getAttribute('target')).toBe('_blank');
    }
    expect(container.textContent).toContain('[x](javascript:alert(1))');
    expect(container.textContent).toContain('[y](data:text/html,hi)');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('  jAvAsCrIpT:alert(1)')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });

  it('marks mentions of members, and mine more strongly', () => {
    const out = html('hi @ana and @marc, mail a@b.c', { isMember: (u) => u !== 'marc', me: 'ana' });
    expect(out).toBe('hi <span class="vw-mention vw-mention--me">@ana</span> and @marc, mail a@b.c');
    expect(mentionsOf('**@Ana** `@code` @lea_m.')).toEqual(['ana', 'lea_m']);
  });

  it('nests markup inside bold and links', () => {
    expect(parseInline('**a _b_ `c`**')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'a ' }, { kind: 'em', children: [{ kind: 'text', text: 'b' }] }, { kind: 'text', text: ' ' }, { kind: 'code', text: 'c' }] },
    ]);
  });
});
