import { Anchor, Code, List, Table, Text, Title, Typography } from '@mantine/core';
import { IconSquare, IconSquareCheck } from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { t } from '../i18n';

// An article body, rendered safely: react-markdown builds React elements (no innerHTML), raw
// HTML in the source is dropped (skipHtml), links keep only safe protocols (its default
// urlTransform) and open outside the app; images are shown as their alt text, so an article
// cannot make the desk fetch anything.
//
// GitHub-flavoured Markdown (remark-gfm), as specialists write it elsewhere: tables (they were
// shown as their raw `| … |` lines), a bare web address as a link, ~~struck~~ text and task
// lists. A table is Mantine's, inside its scroll container: a wide one scrolls sideways inside
// the card (the shell's scroll hint says so) instead of widening the page at 420 px; its cells
// wrap at spaces only, not inside a word. Each cell is isolated (<bdi>), so in a Persian
// article's right-to-left table a Latin cell ("-reboot=enable", "C:\Temp") keeps its own order.
// A task's box is a picture with a name ("Done", "To do"), not a dimmed disabled checkbox.
//
// An article is often Persian prose around English names, commands and addresses. A code
// block is always left to right: in a right-to-left article it took the article's direction,
// its line ran off the card's left side and the command's start (`dcu-cli.exe …`) was the
// part hidden, to be scrolled to. A word longer than the line (a file name, an address)
// breaks where it must instead of running out of the card, under the page's edge at 420 px.

const components: Components = {
  // An article sits under the page's h1: its # and ## are the page's h2, ### its h3.
  h1: ({ children }) => <Title order={2} fz="lg" mt="sm" mb={4}>{children}</Title>,
  h2: ({ children }) => <Title order={2} fz="md" mt="sm" mb={4}>{children}</Title>,
  h3: ({ children }) => <Title order={3} fz="sm" mt="xs" mb={4}>{children}</Title>,
  p: ({ children }) => <Text size="sm" mb="xs">{children}</Text>,
  // A task list (`- [x] …`) has its boxes instead of bullets.
  ul: ({ children, className }) => (
    <List size="sm" mb="xs" withPadding listStyleType={className?.includes('contains-task-list') ? 'none' : undefined}>{children}</List>
  ),
  ol: ({ children }) => <List size="sm" mb="xs" type="ordered" withPadding>{children}</List>,
  li: ({ children }) => <List.Item>{children}</List.Item>,
  input: ({ type, checked }) =>
    type === 'checkbox' ? (
      checked ? (
        <IconSquareCheck size={16} role="img" aria-label={t('kb.md.taskDone')} style={{ verticalAlign: 'text-bottom', marginInlineEnd: 6, color: 'var(--mantine-color-teal-filled)' }} />
      ) : (
        <IconSquare size={16} role="img" aria-label={t('kb.md.taskOpen')} style={{ verticalAlign: 'text-bottom', marginInlineEnd: 6 }} />
      )
    ) : null,
  del: ({ children }) => <Text span inherit td="line-through" c="dimmed">{children}</Text>,
  a: ({ href, children }) => <Anchor href={href} target="_blank" rel="noreferrer noopener">{children}</Anchor>,
  code: ({ children }) => <Code>{children}</Code>,
  // Typography's own <pre> (its padding, its sideways scroll), read from its left end.
  pre: ({ children }) => <pre dir="ltr">{children}</pre>,
  img: ({ alt }) => <Text span size="sm" c="dimmed">{alt ?? ''}</Text>,
  table: ({ children }) => (
    <Table.ScrollContainer minWidth={0} type="native" mb="xs">
      <Table withTableBorder withColumnBorders verticalSpacing={6} horizontalSpacing="sm" fz="sm" style={{ overflowWrap: 'normal' }} data-testid="kb-md-table">
        {children}
      </Table>
    </Table.ScrollContainer>
  ),
  thead: ({ children }) => <Table.Thead>{children}</Table.Thead>,
  tbody: ({ children }) => <Table.Tbody>{children}</Table.Tbody>,
  tr: ({ children }) => <Table.Tr>{children}</Table.Tr>,
  // The column's alignment (`:--:`) arrives as a style.
  th: ({ children, style, node }) => <Table.Th style={cellStyle(style, node)}><bdi>{children}</bdi></Table.Th>,
  td: ({ children, style, node }) => <Table.Td style={cellStyle(style, node)}><bdi>{children}</bdi></Table.Td>,
};

/** A cell's words, as read: what decides whether it may wrap. */
type HastNode = { type: string; value?: string; children?: HastNode[] };
const textOf = (node: HastNode | undefined): string => (node ? (node.value ?? '') + (node.children ?? []).map(textOf).join('') : '');

/** Cells this short (a model, an option, a number) stay on one line. */
const SHORT_CELL = 32;

/**
 * A short cell stays on one line: squeezed into the card, "-reboot=enable" broke after its
 * hyphen and "Latitude 7440" stood on two lines. A longer one wraps at its spaces in a column
 * wide enough to read; the table scrolls sideways when the card is narrower than all that.
 */
function cellStyle(style: CSSProperties | undefined, node: HastNode | undefined): CSSProperties {
  return { ...style, ...(textOf(node).length <= SHORT_CELL ? { whiteSpace: 'nowrap' } : { minWidth: '12rem' }) };
}

const plugins = [remarkGfm];

export function Markdown({ children }: { children: string }) {
  return (
    <Typography dir="auto" style={{ overflowWrap: 'anywhere' }}>
      <ReactMarkdown skipHtml remarkPlugins={plugins} components={components}>
        {children}
      </ReactMarkdown>
    </Typography>
  );
}
