// Reading "§N" cites out of any text, and checking each against docs/contract.md's sections: the section
// itself, and a column ("§4 col 11") or step ("§2 steps 4–6", "step 5 of §2") named with it.

/** One section of docs/contract.md: its table rows' first cells and its numbered list items. */
export interface Section {
  columns: Set<number>;
  steps: Set<number>;
}

export interface Cite {
  line: number;
  text: string;
  sections: string[];
  part?: { kind: 'col' | 'step'; numbers: number[] };
}

const HEADING = /^#{1,6}\s+§(\d+)\b/;
const CITE = /(§§?)\s*(\d+(?:\.\d+)*)(?:\s*[–-]\s*§?\s*(\d+))?/g;
const AFTER = /^,?\s*(col|column|step|steps)\s+(\d+)(?:\s*[–-]\s*(\d+))?(?!\d|\s+of\b)/;
const BEFORE = /\b(step)\s+(\d+)\s+of\s+$/;
/** A "§" that belongs to another document: "RFC 8446 §4.1.2". */
const OTHER_DOCUMENT = /\bRFC\s*\d+\s*$/i;

function range(from: number, to: number | undefined): number[] {
  const last = to ?? from;
  return Array.from({ length: Math.max(0, last - from) + 1 }, (_, i) => from + i);
}

/** Numbers a table row's first cell covers: "11", or "1–10" for a row standing for several. */
function firstCellNumbers(line: string): number[] {
  const cell = /^\|\s*(\d+)(?:\s*[–-]\s*(\d+))?\s*\|/.exec(line);
  return cell ? range(Number(cell[1]), cell[2] === undefined ? undefined : Number(cell[2])) : [];
}

export function sectionsOf(contract: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | undefined;
  for (const line of contract.split('\n')) {
    const heading = HEADING.exec(line);
    if (heading) {
      current = { columns: new Set(), steps: new Set() };
      sections.set(heading[1]!, current);
      continue;
    }
    if (!current) continue;
    for (const n of firstCellNumbers(line)) current.columns.add(n);
    const step = /^(\d+)\.\s/.exec(line);
    if (step) current.steps.add(Number(step[1]));
  }
  return sections;
}

function partOf(before: string, after: string): Cite['part'] {
  const following = AFTER.exec(after);
  if (following) {
    const kind = following[1]!.startsWith('col') ? 'col' : 'step';
    return { kind, numbers: range(Number(following[2]), following[3] ? Number(following[3]) : undefined) };
  }
  const preceding = BEFORE.exec(before);
  return preceding ? { kind: 'step', numbers: [Number(preceding[2])] } : undefined;
}

export function citesIn(text: string): Cite[] {
  const cites: Cite[] = [];
  text.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(CITE)) {
      const before = line.slice(0, match.index);
      if (OTHER_DOCUMENT.test(before)) continue;
      const first = match[2]!;
      const sections = /^\d+$/.test(first) && match[3] ? range(Number(first), Number(match[3])).map(String) : [first];
      const part = partOf(before, line.slice(match.index + match[0].length));
      cites.push({ line: index + 1, text: match[0], sections, ...(part ? { part } : {}) });
    }
  });
  return cites;
}

/** What a cite names that the contract does not have, in words; empty when it all resolves. */
export function unresolved(cite: Cite, sections: Map<string, Section>): string[] {
  const missing: string[] = [];
  for (const name of cite.sections) {
    const section = sections.get(name);
    if (!section) {
      missing.push(`§${name} is not a section`);
      continue;
    }
    if (!cite.part) continue;
    const known = cite.part.kind === 'col' ? section.columns : section.steps;
    for (const n of cite.part.numbers) if (!known.has(n)) missing.push(`§${name} has no ${cite.part.kind} ${n}`);
  }
  return missing;
}
