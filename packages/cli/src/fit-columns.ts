/**
 * Column widths that fit a terminal of `columns` characters (two spaces
 * between columns): the widest columns give up characters first, none below
 * `minimum`. Cells cut to a narrower width end in "…".
 */
export const fitColumns = (widths: readonly number[], columns: number, minimum = 8): number[] => {
  const fitted = [...widths];
  const total = () => fitted.reduce((sum, width) => sum + width, 0) + 2 * (fitted.length - 1);
  while (total() > columns) {
    const widest = fitted.indexOf(Math.max(...fitted));
    if (fitted[widest]! <= minimum) break;
    fitted[widest]! -= 1;
  }
  return fitted;
};

/** A cell cut to `width` characters, its end marked. */
export const cut = (cell: string, width: number): string => (cell.length <= width ? cell : `${cell.slice(0, Math.max(0, width - 1))}…`);
