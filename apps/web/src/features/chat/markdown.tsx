// Markdown-lite for chat messages: **bold**, _italics_ / *italics*, `code`, ```code blocks```, links and @mentions.
// A small parser that builds React elements: the text is never handed to the browser as HTML, so a message can
// hold `<script>` or `<img onerror>` and shows it as text. Links open only for http(s) URLs (anything else, such as
// `javascript:`, stays text) and never get the opener.
import { Fragment, type ReactNode } from 'react';

export type Block = { kind: 'code'; text: string } | { kind: 'text'; text: string };

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }
  | { kind: 'mention'; username: string }
  | { kind: 'break' };

const FENCE = '```';

/** Splits a message into code blocks (between ``` fences) and text. An unclosed fence is text. */
export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let rest = source;
  for (;;) {
    const open = rest.indexOf(FENCE);
    if (open < 0) break;
    const close = rest.indexOf(FENCE, open + FENCE.length);
    if (close < 0) break;
    if (open > 0) blocks.push({ kind: 'text', text: rest.slice(0, open) });
    // The rest of the opening line names the language: not shown.
    let body = rest.slice(open + FENCE.length, close);
    const newline = body.indexOf('\n');
    if (newline >= 0 && /^[\w+-]*$/.test(body.slice(0, newline).trim())) body = body.slice(newline + 1);
    blocks.push({ kind: 'code', text: body.replace(/\n$/, '') });
    rest = rest.slice(close + FENCE.length).replace(/^\n/, '');
  }
  if (rest) blocks.push({ kind: 'text', text: rest });
  return blocks;
}

/** Only absolute http(s) URLs become links. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

interface Rule {
  re: RegExp;
  build: (m: RegExpExecArray) => Inline | null;
}

// Each rule is tried at every position; the earliest match wins (the first rule on a tie).
const RULES: Rule[] = [
  { re: /`([^`\n]+)`/y, build: (m) => ({ kind: 'code', text: m[1]! }) },
  {
    re: /\[([^\]\n]+)\]\(([^)\s]+)\)/y,
    build: (m) => {
      const href = safeHref(m[2]!);
      return href ? { kind: 'link', href, children: parseInline(m[1]!) } : null;
    },
  },
  {
    // A bare URL; trailing punctuation is left out of it.
    re: /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'*_]/y,
    build: (m) => {
      const href = safeHref(m[0]);
      return href ? { kind: 'link', href, children: [{ kind: 'text', text: m[0] }] } : null;
    },
  },
  { re: /\*\*(?=\S)([^\n]*?\S)\*\*/y, build: (m) => ({ kind: 'strong', children: parseInline(m[1]!) }) },
  { re: /\*(?=\S)([^*\n]*?\S)\*/y, build: (m) => ({ kind: 'em', children: parseInline(m[1]!) }) },
  { re: /(?<![\p{L}\p{N}_])_(?=\S)([^_\n]*?\S)_(?![\p{L}\p{N}_])/uy, build: (m) => ({ kind: 'em', children: parseInline(m[1]!) }) },
  { re: /(?<![\p{L}\p{N}_.@])@([a-z0-9][a-z0-9_.-]{1,29})(?<![.-])/iuy, build: (m) => ({ kind: 'mention', username: m[1]!.toLowerCase() }) },
];

const pushText = (out: Inline[], text: string) => {
  if (!text) return;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (i > 0) out.push({ kind: 'break' });
    if (!line) return;
    const last = out.at(-1);
    if (last?.kind === 'text') last.text += line;
    else out.push({ kind: 'text', text: line });
  });
};

/** Inline markup of one text block. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    // Cheap pre-check: every rule starts with one of these characters.
    if (ch === '`' || ch === '[' || ch === 'h' || ch === '*' || ch === '_' || ch === '@') {
      let matched: { node: Inline; length: number } | null = null;
      for (const rule of RULES) {
        rule.re.lastIndex = i;
        const m = rule.re.exec(text);
        if (!m) continue;
        const node = rule.build(m);
        if (node) {
          matched = { node, length: m[0].length };
          break;
        }
      }
      if (matched) {
        pushText(out, plain);
        plain = '';
        out.push(matched.node);
        i += matched.length;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  pushText(out, plain);
  return out;
}

export interface RenderOptions {
  /** Usernames that exist here (room members): only they are shown as mentions. Without it, every @name is. */
  isMember?: (username: string) => boolean;
  /** The signed-in user's username: a mention of them stands out. */
  me?: string | null;
}

function renderInline(nodes: Inline[], options: RenderOptions): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return <Fragment key={i}>{node.text}</Fragment>;
      case 'break':
        return <br key={i} />;
      case 'code':
        return <code key={i} className="vw-md-code">{node.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children, options)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children, options)}</em>;
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {renderInline(node.children, options)}
          </a>
        );
      case 'mention': {
        if (options.isMember && !options.isMember(node.username)) return <Fragment key={i}>@{node.username}</Fragment>;
        const mine = options.me != null && options.me === node.username;
        return <span key={i} className={mine ? 'vw-mention vw-mention--me' : 'vw-mention'}>@{node.username}</span>;
      }
    }
  });
}

/** A message body as React elements. */
export function renderMarkdown(source: string, options: RenderOptions = {}): ReactNode {
  return parseBlocks(source).map((block, i) =>
    block.kind === 'code' ? (
      <pre key={i} className="vw-md-pre"><code>{block.text}</code></pre>
    ) : (
      <Fragment key={i}>{renderInline(parseInline(block.text), options)}</Fragment>
    ),
  );
}

/** The usernames a body mentions, lowercased, once each. */
export function mentionsOf(source: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: Inline[]) => {
    for (const node of nodes) {
      if (node.kind === 'mention') names.add(node.username);
      else if (node.kind === 'strong' || node.kind === 'em' || node.kind === 'link') walk(node.children);
    }
  };
  for (const block of parseBlocks(source)) if (block.kind === 'text') walk(parseInline(block.text));
  return [...names];
}
