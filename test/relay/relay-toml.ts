// The tests' one way to write a relay.toml: sections as objects, keys as the file spells them,
// serialised by the TOML library so quoting and escaping are never done by hand.
import { stringify } from 'smol-toml';

type Value = string | number | boolean | undefined;
type Section = Record<string, Value>;

export interface RelayTomlSections {
  teleport: Section & { addr: string; identity: string };
  sheet: Section & { url: string };
  relay?: Section;
  http?: Section;
  log?: Section;
}

/** Keys whose value is undefined are left out, so optional settings can be passed through as they are. */
export function relayToml(sections: RelayTomlSections): string {
  const defined = (section: Section) => Object.fromEntries(Object.entries(section).filter(([, v]) => v !== undefined));
  return stringify(Object.fromEntries(Object.entries(sections).map(([name, section]) => [name, defined(section)])));
}
