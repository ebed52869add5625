import { Anchor, Code, List, Text, Title, Typography } from '@mantine/core';
import ReactMarkdown, { type Components } from 'react-markdown';

// An article body, rendered safely: react-markdown builds React elements (no innerHTML), raw
// HTML in the source is dropped (skipHtml), links keep only safe protocols (its default
// urlTransform) and open outside the app; images are shown as their alt text, so an article
// cannot make the desk fetch anything.

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
  img: ({ alt }) => <Text span size="sm" c="dimmed">{alt ?? ''}</Text>,
};

export function Markdown({ children }: { children: string }) {
  return (
    <Typography dir="auto">
      <ReactMarkdown skipHtml components={components}>
        {children}
      </ReactMarkdown>
    </Typography>
  );
}
