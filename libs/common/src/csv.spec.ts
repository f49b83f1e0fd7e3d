import { csvCell, csvOf, isFormulaLike } from './csv.js';

describe('the CSV writer', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ["-2+3+cmd|' /C calc'!A0", `"'-2+3+cmd|' /C calc'!A0"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1', `"'\t=1"`],
    ['\tplain', `"'\tplain"`],
    ['\r=1', `"'\r=1"`],
    ['  =1', `"'  =1"`],
    ['\uFF1D1+1', `"'\uFF1D1+1"`],
    ['\uFF0B1', `"'\uFF0B1"`],
    ['\uFF0D1', `"'\uFF0D1"`],
    ['\uFF20SUM(A1)', `"'\uFF20SUM(A1)"`],
    ['\u3000=1', `"'\u3000=1"`],
  ])('neutralises text beginning like a formula: %j', (text, written) => {
    expect(isFormulaLike(text)).toBe(true);
    expect(csvCell(text)).toBe(written);
  });

  it('leaves ordinary text, and quotes it only where RFC 4180 needs it', () => {
    expect(csvCell('Construction')).toBe('Construction');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('Food, drink')).toBe('"Food, drink"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell("'quoted already")).toBe("'quoted already");
  });

  it('writes the hub own numbers and booleans as they are, negative numbers included', () => {
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('writes rows with CRLF line ends', () => {
    expect(
      csvOf([
        ['sector', 'people'],
        ['=cmd', -3],
        ['Retail', 12],
      ]),
    ).toBe(`sector,people\r\n"'=cmd",-3\r\nRetail,12\r\n`);
  });
});
