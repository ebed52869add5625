import { Anchor, Code, List, Text, Title, Typography } from '@mantine/core';
import ReactMarkdown, { type Components } from 'react-markdown';

// An article body, rendered safely: react-markdown builds React elements (no innerHTML), raw
// HTML in the source is dropped (skipHtml), links keep only safe protocols (its default
// urlTransform) and open outside the app; images are shown as their alt text, so an article
// cannot make the desk fetch anything.
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
  ul: ({ children }) => <List size="sm" mb="xs" withPadding>{children}</List>,
  ol: ({ children }) => <List size="sm" mb="xs" type="ordered" withPadding>{children}</List>,
  li: ({ children }) => <List.Item>{children}</List.Item>,
  a: ({ href, children }) => <Anchor href={href} target="_blank" rel="noreferrer noopener">{children}</Anchor>,
  code: ({ children }) => <Code>{children}</Code>,
  // Typography's own <pre> (its padding, its sideways scroll), read from its left end.
  pre: ({ children }) => <pre dir="ltr">{children}</pre>,
  img: ({ alt }) => <Text span size="sm" c="dimmed">{alt ?? ''}</Text>,
};

export function Markdown({ children }: { children: string }) {
  return (
    <Typography dir="auto" style={{ overflowWrap: 'anywhere' }}>
      <ReactMarkdown skipHtml components={components}>
        {children}
      </ReactMarkdown>
    </Typography>
  );
}
