// The functions Apps Script can call: top-level function declarations of the pushed file.
import ts from 'typescript';

export function topLevelFunctions(source: string): string[] {
  const file = ts.createSourceFile('Code.js', source, ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
  return file.statements.flatMap((s) => (ts.isFunctionDeclaration(s) && s.name ? [s.name.text] : []));
}
