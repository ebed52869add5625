import { expect, it } from 'vitest';
import { COUNT_AXIS, mirroredAxes } from './charts';

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

it('a chart of counts labels its value axis in whole numbers, in either direction', async () => {
  // Data quality's "Record changes" with one confirmation labelled its axis 0, 0.25, 0.5, 0.75, 1.
  expect(mirroredAxes({}, COUNT_AXIS).yAxisProps.allowDecimals).toBe(false);
  const { setLocale } = await import('./i18n/state');
  await setLocale('fa', 'arabext');
  try {
    expect(mirroredAxes({}, COUNT_AXIS).yAxisProps).toMatchObject({ allowDecimals: false, orientation: 'right' });
  } finally {
    await setLocale('en', 'latn');
  }
});
