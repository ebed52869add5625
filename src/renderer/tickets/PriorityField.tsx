import { Input, SegmentedControl, Stack, Text } from '@mantine/core';
import { PRIORITIES } from '../../shared/domain';
import { priorityLabel } from '../labels';

// A SegmentedControl has no label or error of its own, so the caption names it through
// aria-labelledby and the desk's issue sits under it the way an input's would.
export function PriorityField({ id, label, value, onChange, error, size }: { id: string; label: string; value: string; onChange: (value: string) => void; error: string | undefined; size?: 'xs' }) {
  return (
    <Stack gap={4}>
      {/* Styled as every other field's label (its weight was lighter than Subject's beside it). */}
      <Input.Label labelElement="div" id={id}>
        {label}
      </Input.Label>
      <SegmentedControl aria-labelledby={id} value={value} onChange={onChange} data={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) }))} size={size} fullWidth />
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
