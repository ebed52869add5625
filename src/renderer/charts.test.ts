import { expect, it } from 'vitest';
import { mirroredAxes } from './charts';

// A chart in Persian stands its value axis on the right; its labels must sit beside the plot,
// not inside it (Mantine pulls the labels of its left axis 10 px leftwards, into the plot once
// the axis is on the right).

it('in right-to-left, stands the value axis on the right with its labels moved away from the plot', async () => {
  const { setLocale } = await import('./i18n/state');
  await setLocale('fa', 'arabext');
  try {
    const { xAxisProps, yAxisProps } = mirroredAxes({}, { width: 44 });
    expect(xAxisProps.reversed).toBe(true);
    expect(yAxisProps.orientation).toBe('right');
    expect(yAxisProps.width).toBe(44);
    expect(yAxisProps.tick).toMatchObject({ transform: 'translate(10, 0)' });
  } finally {
    await setLocale('en', 'latn');
  }
});

it('in left-to-right, keeps Mantine’s own left axis and its labels', () => {
  const { xAxisProps, yAxisProps } = mirroredAxes({}, { width: 44 });
  expect(xAxisProps.reversed).toBe(false);
  expect(yAxisProps.orientation).toBe('left');
  expect(yAxisProps.tick).toBeUndefined();
});
