export type Params = Record<string, string | number>;

const plurals = new Intl.PluralRules('en');

/**
 * Fills `{name}` placeholders and ICU-style `{name, plural, one {# vote} other {# votes}}` (English needs them; '#' is
 * the number); unknown placeholders stay visible so a missing parameter is noticed.
 */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  const counted = template.replace(/\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g, (whole, name: string, one: string, other: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return (plurals.select(Number(value)) === 'one' ? one : other).replace(/#/g, String(value));
  });
  return counted.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
